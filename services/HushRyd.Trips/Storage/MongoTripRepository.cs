using HushRyd.Platform.Geo;
using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Places;
using HushRyd.Trips.Trips;
using MongoDB.Driver;

namespace HushRyd.Trips.Storage;

/// <summary>Trips in MongoDB, with the seed's indexes; every state change is a compare-and-set on one document.</summary>
public sealed class MongoTripRepository(IMongoDatabase mongo) : ITripRepository, IMongoIndexBootstrapper
{
    public const string CollectionName = "trips";

    private IMongoCollection<MongoTripDocument> Trips => mongo.GetCollection<MongoTripDocument>(CollectionName);

    private IMongoCollection<MongoBookingDocument> Bookings => mongo.GetCollection<MongoBookingDocument>(MongoBookingRepository.CollectionName);

    public static IReadOnlyList<CreateIndexModel<MongoTripDocument>> IndexModels { get; } =
    [
        new(Builders<MongoTripDocument>.IndexKeys.Ascending(t => t.Status).Ascending(t => t.Source.City).Ascending(t => t.DepartureTime)),
        new(Builders<MongoTripDocument>.IndexKeys.Ascending(t => t.Driver).Ascending(t => t.Status)),
        new(Builders<MongoTripDocument>.IndexKeys.Geo2DSphere(t => t.Source.Coordinates)),
        new(Builders<MongoTripDocument>.IndexKeys.Geo2DSphere(t => t.Destination.Coordinates)),
    ];

    public Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.GetCollection<MongoTripDocument>(CollectionName).Indexes.CreateManyAsync(IndexModels, cancellationToken);
    }

    public Task InsertAsync(Trip trip, CancellationToken cancellationToken) =>
        Trips.InsertOneAsync(MongoTripDocument.From(trip), cancellationToken: cancellationToken);

    public async Task<Trip?> FindAsync(string tripId, CancellationToken cancellationToken) =>
        (await Trips.Find(t => t.Id == tripId).FirstOrDefaultAsync(cancellationToken))?.ToTrip();

    public async Task<Trip?> TryTransitionAsync(string tripId, TripTransition transition, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var from = TripLifecycle.From(transition).Name();
        var to = TripLifecycle.To(transition);
        var update = Builders<MongoTripDocument>.Update.Set(t => t.Status, to.Name());
        update = to == TripStatus.Started
            ? update.Set(t => t.StartedAt, at.UtcDateTime)
            : update.Set(t => t.EndedAt, at.UtcDateTime);
        var updated = await Trips.FindOneAndUpdateAsync(
            t => t.Id == tripId && t.Status == from,
            update,
            new FindOneAndUpdateOptions<MongoTripDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        if (updated is null)
        {
            return null;
        }

        if (to == TripStatus.Cancelled)
        {
            // Bookings that take seats after this point are refused (the trip is no longer scheduled); one that took
            // its seats just before and is inserted after this sweep cancels itself (see MongoBookingRepository).
            // The trip is already cancelled, so the sweep runs even if the caller gives up.
            await Bookings.UpdateManyAsync(
                b => b.TripId == tripId && b.Status == ConfirmedName,
                Builders<MongoBookingDocument>.Update.Set(b => b.Status, CancelledName).Set(b => b.CancelledAt, at.UtcDateTime),
                cancellationToken: CancellationToken.None);
        }

        return updated.ToTrip();
    }

    public async Task<TripPage> SearchAsync(TripSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var rows = await Trips.Find(MongoTripQueries.Search(search))
            .Sort(MongoTripQueries.SearchOrder)
            .Limit(search.Limit + 1)
            .ToListAsync(cancellationToken);
        return TripPages.From([.. rows.Select(row => row.ToTrip())], search.Limit);
    }

    public async Task<IReadOnlyList<NearbyTrip>> FindNearAsync(NearSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);

        // $nearSphere returns documents nearest first but not their distance; the haversine gives it.
        var rows = await Trips.Find(MongoTripQueries.Near(search))
            .Skip(search.Offset)
            .Limit(search.Limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => row.ToTrip())
            .Select(trip => new NearbyTrip(trip, GeoDistance.Kilometres(search.Lat, search.Lng, trip.Source.Lat, trip.Source.Lng)))];
    }

    private static readonly string ConfirmedName = BookingStatus.Confirmed.Name();
    private static readonly string CancelledName = BookingStatus.Cancelled.Name();
}
