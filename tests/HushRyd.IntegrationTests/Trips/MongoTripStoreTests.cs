using HushRyd.Testing;
using HushRyd.Trips.Storage;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>The contract against MongoDB (HUSHRYD_TEST_MONGO or Testcontainers), with the indexes the server creates.</summary>
public sealed class MongoTripStoreTests : TripStoreContract
{
    protected override async Task<TripStores> OpenAsync()
    {
        var mongo = await MongoTestDatabase.StartAsync();
        var trips = new MongoTripRepository(mongo.Database);
        var bookings = new MongoBookingRepository(mongo.Database);
        await trips.EnsureIndexesAsync(mongo.Database, CancellationToken.None);
        await bookings.EnsureIndexesAsync(mongo.Database, CancellationToken.None);
        return new TripStores(trips, bookings, new MongoTrustedContactRepository(mongo.Database), mongo.DisposeAsync);
    }
}
