using HushRyd.Platform.Trips;
using HushRyd.Testing;
using HushRyd.Trips.Storage;
using HushRyd.Trips.Trips;
using static HushRyd.IntegrationTests.Trips.TripSamples;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>The contract against the embedded store: a real SQLite file, migrated, behind the single writer.</summary>
public sealed class SqliteTripStoreTests : TripStoreContract
{
    protected override async Task<TripStores> OpenAsync()
    {
        var directory = new TempDirectory();
        var sqlite = await MigratedSqlite.OpenAsync(directory.Path, TripsMigrations.All);
        return new TripStores(
            new SqliteTripRepository(sqlite.Database, sqlite.Writer),
            new SqliteBookingRepository(sqlite.Database, sqlite.Writer),
            new SqliteTrustedContactRepository(sqlite.Database, sqlite.Writer),
            async () =>
            {
                await sqlite.DisposeAsync();
                directory.Dispose();
            });
    }

    [Fact]
    public async Task A_database_from_before_vehicles_is_migrated_in_place_its_trips_read_back_without_one_and_new_trips_keep_theirs()
    {
        using var directory = new TempDirectory();
        await using (var before = await MigratedSqlite.OpenAsync(directory.Path, [TripsMigrations.CreateTrips, TripsMigrations.CreateBookings, TripsMigrations.CreateTrustedContacts]))
        {
            await before.ExecuteAsync(FormattableString.Invariant(
                $"""
                INSERT INTO trips (id, driver_id, source_city, source_lat, source_lng, source_address, destination_city, destination_lat, destination_lng,
                    destination_address, departure_time, seats, seats_available, fare, status, region, created_at, started_at, ended_at)
                VALUES ('trp_old', 'usr_driver', 'Pune', {PuneLat}, {PuneLng}, NULL, 'Mumbai', 19.076, 72.8777, NULL,
                    {Now.AddHours(2).ToUnixTimeMilliseconds()}, 4, 3, '450.50', 'scheduled', 'in-west', {Now.ToUnixTimeMilliseconds()}, NULL, NULL);
                """));
        }

        await using var after = await MigratedSqlite.OpenAsync(directory.Path, TripsMigrations.All);
        var trips = new SqliteTripRepository(after.Database, after.Writer);
        var added = Trip() with { Vehicle = new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White") };
        await trips.InsertAsync(added, CancellationToken.None);

        var old = await trips.FindAsync("trp_old", CancellationToken.None);
        Assert.NotNull(old);
        Assert.Null(old.Vehicle);
        Assert.Equal((3, 450.50m, TripStatus.Scheduled), (old.SeatsAvailable, old.Fare, old.Status));
        Assert.Equal(added, await trips.FindAsync(added.Id, CancellationToken.None));
    }
}
