using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Runtime.Embedded;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Trips;
using HushRyd.Trips.TrustedContacts;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Trips.Storage;

public static class TripStoreRegistration
{
    /// <summary>Trips, bookings and trusted contacts in the embedded SQLite database.</summary>
    public static IServiceCollection AddSqliteTripStores(this IServiceCollection services)
    {
        foreach (var migration in TripsMigrations.All)
        {
            services.AddSqliteMigration(migration);
        }

        services.AddSingleton<ITripRepository, SqliteTripRepository>();
        services.AddSingleton<IBookingRepository, SqliteBookingRepository>();
        services.AddSingleton<ITrustedContactRepository, SqliteTrustedContactRepository>();
        return services;
    }

    /// <summary>
    /// Trips, bookings and trusted contacts in MongoDB (the database <c>AddMongoRecordStore</c> registers), with the
    /// seed's trips and bookings indexes ensured at start-up and by <c>hushryd db init</c>.
    /// </summary>
    public static IServiceCollection AddMongoTripStores(this IServiceCollection services)
    {
        services.AddSingleton<MongoTripRepository>();
        services.AddSingleton<MongoBookingRepository>();
        services.AddSingleton<ITripRepository>(sp => sp.GetRequiredService<MongoTripRepository>());
        services.AddSingleton<IBookingRepository>(sp => sp.GetRequiredService<MongoBookingRepository>());
        services.AddSingleton<IMongoIndexBootstrapper>(sp => sp.GetRequiredService<MongoTripRepository>());
        services.AddSingleton<IMongoIndexBootstrapper>(sp => sp.GetRequiredService<MongoBookingRepository>());
        services.AddSingleton<ITrustedContactRepository, MongoTrustedContactRepository>();
        return services;
    }
}
