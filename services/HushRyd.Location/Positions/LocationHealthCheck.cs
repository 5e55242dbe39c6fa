using HushRyd.Location.History;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HushRyd.Location.Positions;

/// <summary>Degraded, not unhealthy, while Redis is away: positions are still accepted into the buffer and served stale.</summary>
public sealed class LocationHealthCheck(RedisOutage outage, IDelayedPositions delayed) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!outage.IsActive)
        {
            return HealthCheckResult.Healthy("positions go to Redis");
        }

        var buffered = await delayed.CountAsync(cancellationToken);
        return HealthCheckResult.Degraded($"Redis is unreachable: {buffered} positions buffered for replay; reads are served stale from the record store");
    }
}
