using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HushRyd.Runtime.Embedded.Workflows.Sidecar;

/// <summary>Ready once the sidecar listens and its SQLite store answers a query.</summary>
public sealed class EmbeddedWorkflowSidecarHealthCheck(EmbeddedWorkflowSidecar sidecar, SqliteOrchestrationService store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!sidecar.IsServing)
        {
            return HealthCheckResult.Unhealthy($"the workflow sidecar is not listening on {sidecar.Endpoint}");
        }

        try
        {
            var instances = await store.CountInstancesAsync().ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{sidecar.Endpoint} over {store.FilePath} with {instances} workflows");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy($"{store.FilePath} does not answer", ex);
        }
    }
}
