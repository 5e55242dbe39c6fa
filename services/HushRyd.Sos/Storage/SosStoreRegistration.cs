using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Runtime.Embedded;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Sos.Storage;

public static class SosStoreRegistration
{
    public static IServiceCollection AddSqliteSosStore(this IServiceCollection services)
    {
        services.AddSqliteMigration(SosMigrations.CreateAlerts);
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
