using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Runtime.Embedded;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Sos.Storage;

public static class SosStoreRegistration
{
    public static IServiceCollection AddSqliteSosStore(this IServiceCollection services)
    {
        foreach (var migration in SosMigrations.All)
        {
            services.AddSqliteMigration(migration);
        }

        services.AddSingleton<ISosAlertStore, SqliteSosAlertStore>();
        return services;
    }

    public static IServiceCollection AddMongoSosStore(this IServiceCollection services)
    {
        services.AddSingleton<MongoSosAlertStore>();
        services.AddSingleton<ISosAlertStore>(sp => sp.GetRequiredService<MongoSosAlertStore>());
        services.AddSingleton<IMongoIndexBootstrapper>(sp => sp.GetRequiredService<MongoSosAlertStore>());
        return services;
    }
}
