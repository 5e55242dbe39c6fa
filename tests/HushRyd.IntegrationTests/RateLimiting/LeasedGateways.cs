using HushRyd.Gateway.RateLimiting;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace HushRyd.IntegrationTests.RateLimiting;

/// <summary>Leasing limiters as gateway instances build them, with leases small enough for tests to reach their edges.</summary>
public static class LeasedGateways
{
    public const int Limit = 40;
    public const int MinPermits = 2;
    public const int MaxPermits = 4;
    public const double Fraction = 0.5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    public static LeasingRateLimiter Create(IRedisConnection redis, TimeProvider clock, int minPermits = MinPermits, int maxPermits = MaxPermits)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new RateLimitOptions
        {
            Window = Window,
            Redis = new RateLimitRedisOptions { Timeout = Limiters.PatientTimeout },
            Lease = new RateLimitLeaseOptions { Lifetime = Lifetime, Fraction = Fraction, MinPermits = minPermits, MaxPermits = maxPermits },
        });
        var resilient = new ResilientRateLimiter(
            new RedisSlidingWindowRateLimiter(redis, options, clock),
            new LocalSlidingWindowRateLimiter(options, clock),
            options,
            clock,
            NullLogger<ResilientRateLimiter>.Instance);
        return new LeasingRateLimiter(resilient, new RedisPermitLeaser(redis), options, clock);
    }
}
