using HushRyd.Notifications.Jobs;
using HushRyd.Runtime.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Notifications.Storage;

public static class JobStoreRegistration
{
    /// <summary>Embedded: jobs in the SQLite database the embedded runtime opens, acknowledged after commit.</summary>
    public static IServiceCollection AddSqliteJobStore(this IServiceCollection services)
    {
        services.AddSqliteMigration(JobMigrations.CreateJobs);
        services.AddSingleton<IJobStore, SqliteJobStore>();
        return services;
    }

    /// <summary><c>--runtime dapr</c>: jobs in the shared Redis the Dapr runtime connects to (docs/adr/0007).</summary>
    public static IServiceCollection AddRedisJobStore(this IServiceCollection services)
    {
        services.AddSingleton<IJobStore, RedisJobStore>();
        services.AddHostedService<RedisJobWakeups>();
        return services;
    }
}
