using HushRyd.Notifications.Jobs;
using HushRyd.Platform.Hosting;
using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HushRyd.Notifications.Storage;

public static class JobStoreRegistration
{
    /// <summary>
    /// Jobs in the SQLite database under the data directory. Under <c>--runtime dapr</c> that database is opened
    /// for the job store alone (on the pod's volume) until the distributed engine of docs/adr/0007 replaces it.
    /// </summary>
    public static IServiceCollection AddSqliteJobStore(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(SqliteDatabase)))
        {
            services.AddStartupTask<SqliteDatabase>();
        }

        services.TryAddSingleton<SqliteWriter>();
        services.AddSqliteMigration(JobMigrations.CreateJobs);
        services.AddSingleton<IJobStore, SqliteJobStore>();
        return services;
    }
}
