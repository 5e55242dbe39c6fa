using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Testing;
using HushRyd.Trips.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>The contract against the embedded store: a real SQLite file, migrated, behind the single writer.</summary>
public sealed class SqliteTripStoreTests : TripStoreContract
{
    protected override async Task<TripStores> OpenAsync()
    {
        var directory = new TempDirectory();
        var database = new SqliteDatabase(
            Options.Create(new EmbeddedRuntimeOptions { DataDirectory = directory.Path }),
            [TripsMigrations.CreateTrips, TripsMigrations.CreateBookings, TripsMigrations.CreateTrustedContacts],
            NullLogger<SqliteDatabase>.Instance);
        await database.StartAsync(CancellationToken.None);
        var writer = new SqliteWriter(database, NullLogger<SqliteWriter>.Instance);
        return new TripStores(
            new SqliteTripRepository(database, writer),
            new SqliteBookingRepository(database, writer),
            new SqliteTrustedContactRepository(database, writer),
            async () =>
            {
                await writer.DisposeAsync();
                await database.DisposeAsync();
                directory.Dispose();
            });
    }
}
