using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HushRyd.Platform.Redis;

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
            return HealthCheckResult.Unhealthy($"{redis.Description} does not answer", ex);
        }
    }
}
