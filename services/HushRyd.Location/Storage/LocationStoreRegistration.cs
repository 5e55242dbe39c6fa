using HushRyd.Location.History;
using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Runtime.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Location.Storage;

public static class LocationStoreRegistration
{
    public static IServiceCollection AddSqliteLocationStores(this IServiceCollection services)
    {
        services.AddSqliteMigration(LocationMigrations.CreateHistory);
        services.AddSqliteMigration(LocationMigrations.CreateDelayed);
        services.AddSingleton<ILocationHistory, SqliteLocationHistory>();
        services.AddSingleton<IDelayedPositions, SqliteDelayedPositions>();
        return services;
    }

    /// <summary>History in a time-series collection and the delayed buffer, created at start-up and by <c>hushryd db init</c>.</summary>
    public static IServiceCollection AddMongoLocationStores(this IServiceCollection services)
    {
        services.AddSingleton<MongoLocationHistory>();
        services.AddSingleton<MongoDelayedPositions>();
        services.AddSingleton<ILocationHistory>(sp => sp.GetRequiredService<MongoLocationHistory>());
        services.AddSingleton<IDelayedPositions>(sp => sp.GetRequiredService<MongoDelayedPositions>());
        services.AddSingleton<IMongoIndexBootstrapper>(sp => sp.GetRequiredService<MongoLocationHistory>());
        services.AddSingleton<IMongoIndexBootstrapper>(sp => sp.GetRequiredService<MongoDelayedPositions>());
        return services;
    }
}
