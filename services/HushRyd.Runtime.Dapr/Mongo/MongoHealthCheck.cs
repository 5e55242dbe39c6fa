using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HushRyd.Runtime.Dapr.Mongo;

public sealed class MongoHealthCheck(IMongoDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: timeout.Token);
            return HealthCheckResult.Healthy($"MongoDB database '{database.DatabaseNamespace.DatabaseName}' answers");
        }
        catch (Exception ex) when (ex is TimeoutException or MongoException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"MongoDB database '{database.DatabaseNamespace.DatabaseName}' does not answer", ex);
        }
    }
}
