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
        services.AddSqliteMigration(TripsMigrations.CreateTrips);
        services.AddSqliteMigration(TripsMigrations.CreateBookings);
        services.AddSqliteMigration(TripsMigrations.CreateTrustedContacts);
        services.AddSingleton<ITripRepository, SqliteTripRepository>();
        services.AddSingleton<IBookingRepository, SqliteBookingRepository>();
        services.AddSingleton<ITrustedContactRepository, SqliteTrustedContactRepository>();
        return services;
    }
}
