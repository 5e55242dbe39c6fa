using HushRyd.Platform.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HushRyd.Gateway.RateLimiting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IRateLimiter"/> (leases far from the limit, exact Redis near it, local when Redis is down) bound to the "RateLimits" section, and a
    /// start-up task that warms the script up. Needs an IRedisConnection registered, and started, before it.
    /// </summary>
    public static IServiceCollection AddHushRydRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(
                o => o.Default > 0 && o.Authenticated > 0 && o.Premium > 0 && o.Sos > 0,
                "RateLimits:Default, Authenticated, Premium and Sos must each allow at least 1 request per window.")
            .Validate(
                o => o.Window >= TimeSpan.FromMilliseconds(1),
                "RateLimits:Window must be positive, e.g. 00:01:00.")
            .Validate(
                o => o.Redis.Timeout > TimeSpan.Zero && o.Redis.FailuresToBreak >= 2
                    && o.Redis.SamplingDuration >= TimeSpan.FromMilliseconds(500) && o.Redis.BreakDuration >= TimeSpan.FromMilliseconds(500),
                "RateLimits:Redis needs a positive Timeout, FailuresToBreak of at least 2, and SamplingDuration and BreakDuration of at least 00:00:00.5.")
            .Validate(
                o => o.LocalFallback.MaxPartitions >= 10,
                "RateLimits:LocalFallback:MaxPartitions must be at least 10.")
            .Validate(
                o => o.Lease.Lifetime >= TimeSpan.FromMilliseconds(1) && o.Lease.Fraction is > 0 and <= 1
                    && o.Lease.MinPermits >= 1 && o.Lease.MaxPermits >= o.Lease.MinPermits,
                "RateLimits:Lease needs a positive Lifetime, a Fraction in (0, 1], MinPermits of at least 1 and MaxPermits of at least MinPermits.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisSlidingWindowRateLimiter>();
        services.TryAddSingleton<LocalSlidingWindowRateLimiter>();
        services.TryAddSingleton<ResilientRateLimiter>();
        services.TryAddSingleton<RedisPermitLeaser>();
        services.TryAddSingleton<LeasingRateLimiter>();
        services.TryAddSingleton<IRateLimiter>(sp => sp.GetRequiredService<LeasingRateLimiter>());
        services.AddStartupTask<RateLimitWarmUp>();
        return services;
    }
}
