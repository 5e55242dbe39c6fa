using HushRyd.Platform.Hosting;
using Microsoft.Extensions.Logging;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// Runs the rate limiting and lease scripts once before traffic arrives. Its first run is slow (about 300 ms on a cold Garnet,
/// which starts its Lua runner), longer than the request-path timeout: without this, the first requests after a
/// start would time out and could open the circuit for its whole break.
/// </summary>
public sealed class RateLimitWarmUp(RedisSlidingWindowRateLimiter redis, RedisPermitLeaser leaser, TimeProvider timeProvider, ILogger<RateLimitWarmUp> logger) : IStartupTask
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var instance = $"instance:{Environment.MachineName}:{Environment.ProcessId}";
            await redis.AcquireAsync("warmup", instance, 1, timeout.Token);
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            await leaser.LeaseAsync("warmup", instance, 1, 2, now, now, 1000, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not a start-up failure: the limiter falls back to per-instance budgets until Redis answers.
            logger.LogWarning(ex, "Could not warm up the rate limiting script in Redis; the first requests may be limited per instance");
        }
    }
}
