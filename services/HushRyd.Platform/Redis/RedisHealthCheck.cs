using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HushRyd.Platform.Redis;

/// <summary>
/// Degraded, not unhealthy, when Redis does not answer: the seed's degradation table keeps serving without it
/// (local rate limits, positions buffered in the record store), so an instance must not be taken out of rotation for it.
/// </summary>
public sealed class RedisHealthCheck(IRedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"{redis.Description} answered in {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Degraded($"{redis.Description} does not answer", ex);
        }
    }
}
