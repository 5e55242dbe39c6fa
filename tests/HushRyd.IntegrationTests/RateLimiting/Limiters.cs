using HushRyd.Gateway.RateLimiting;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests.RateLimiting;

public static class Limiters
{
    public static IOptions<RateLimitOptions> Options(int maxPartitions = 100_000, TimeSpan? redisTimeout = null) =>
        Microsoft.Extensions.Options.Options.Create(new RateLimitOptions
        {
            Redis = new RateLimitRedisOptions { Timeout = redisTimeout ?? new RateLimitRedisOptions().Timeout },
            LocalFallback = new LocalFallbackOptions { MaxPartitions = maxPartitions },
        });

    public static RedisSlidingWindowRateLimiter Redis(IRedisConnection redis, TimeProvider clock) => new(redis, Options(), clock);

    public static LocalSlidingWindowRateLimiter Local(TimeProvider clock, int maxPartitions = 100_000) => new(Options(maxPartitions: maxPartitions), clock);

    /// <param name="redisTimeout">Defaults to production's; tests that need Redis to answer in time on a loaded machine give more.</param>
    public static ResilientRateLimiter Resilient(IRedisConnection redis, TimeProvider clock, ILogger<ResilientRateLimiter>? logger = null, TimeSpan? redisTimeout = null) =>
        new(Redis(redis, clock), Local(clock), Options(redisTimeout: redisTimeout), clock, logger ?? NullLogger<ResilientRateLimiter>.Instance);

    /// <summary>Generous against a loaded CI machine; failures in these tests come from a dead connection, not from this.</summary>
    public static readonly TimeSpan PatientTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A principal no other test or property case uses, so cases never share a budget by accident.</summary>
    public static string FreshPrincipal(string kind = "user") => $"{kind}:{Guid.NewGuid():N}";
}
