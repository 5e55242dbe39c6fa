using Dapr.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HushRyd.Runtime.Dapr;

public sealed class DaprSidecarHealthCheck(DaprClient dapr) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await dapr.CheckOutboundHealthAsync(cancellationToken)
            ? HealthCheckResult.Healthy("the Dapr sidecar answers")
            : HealthCheckResult.Unhealthy("the Dapr sidecar does not answer");
}
