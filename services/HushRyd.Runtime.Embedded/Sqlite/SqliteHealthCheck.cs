using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HushRyd.Runtime.Embedded.Sqlite;

public sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schema_migrations;";
            var migrations = await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{database.FilePath} at {migrations} migrations");
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy($"{database.FilePath} does not answer", ex);
        }
    }
}
