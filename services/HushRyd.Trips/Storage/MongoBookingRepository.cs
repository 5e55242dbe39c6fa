using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Trips;
using MongoDB.Driver;

namespace HushRyd.Trips.Storage;

/// <summary>
/// Bookings in MongoDB (ADR 0005). Seats are taken by one conditional <c>$inc</c> on the trip document, which
/// MongoDB applies atomically whichever instance sends it, then the booking is inserted; without a multi-document
/// transaction every failure in between errs towards seats under-sold, never over-sold.
/// </summary>
public sealed class MongoBookingRepository(IMongoDatabase mongo) : IBookingRepository, IMongoIndexBootstrapper
{
    public const string CollectionName = "bookings";

    private static readonly string Scheduled = TripStatus.Scheduled.Name();
    private static readonly string Confirmed = BookingStatus.Confirmed.Name();
    private static readonly string Cancelled = BookingStatus.Cancelled.Name();

    private IMongoCollection<MongoBookingDocument> Bookings => mongo.GetCollection<MongoBookingDocument>(CollectionName);

    private IMongoCollection<MongoTripDocument> Trips => mongo.GetCollection<MongoTripDocument>(MongoTripRepository.CollectionName);

    public static IReadOnlyList<CreateIndexModel<MongoBookingDocument>> IndexModels { get; } =
    [
        new(Builders<MongoBookingDocument>.IndexKeys.Ascending(b => b.PassengerId).Ascending(b => b.Status)),
        new(Builders<MongoBookingDocument>.IndexKeys.Ascending(b => b.TripId).Ascending(b => b.Status)),
        new(Builders<MongoBookingDocument>.IndexKeys.Descending(b => b.CreatedAt)),
    ];

    public Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.GetCollection<MongoBookingDocument>(CollectionName).Indexes.CreateManyAsync(IndexModels, cancellationToken);
    }

    public async Task<BookingResult> BookAsync(Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var trip = await Trips.FindOneAndUpdateAsync(
            t => t.Id == booking.TripId && t.Status == Scheduled && t.SeatsAvailable >= booking.Seats,
            Builders<MongoTripDocument>.Update.Inc(t => t.SeatsAvailable, -booking.Seats),
            new FindOneAndUpdateOptions<MongoTripDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        if (trip is null)
        {
            var current = await FindTripAsync(booking.TripId, cancellationToken);
            return current is null ? BookingResult.Refused(BookingRefusal.TripNotFound)
                : current.Status != TripStatus.Scheduled ? BookingResult.Refused(BookingRefusal.TripNotOpen, current)
                : BookingResult.Refused(BookingRefusal.NotEnoughSeats, current);
        }

        // The seats are taken: from here on the caller's cancellation must not strand them.
        await InsertOrGiveSeatsBackAsync(MongoBookingDocument.From(booking));

        var now = await FindTripAsync(booking.TripId, CancellationToken.None);
        if (now is { Status: TripStatus.Cancelled })
        {
            // The trip was cancelled between our $inc and our insert, so its sweep of confirmed bookings missed this one.
            await Bookings.UpdateOneAsync(
                b => b.Id == booking.Id && b.Status == Confirmed,
                Builders<MongoBookingDocument>.Update.Set(b => b.Status, Cancelled).Set(b => b.CancelledAt, now.EndedAt?.UtcDateTime),
                cancellationToken: CancellationToken.None);
            return BookingResult.Refused(BookingRefusal.TripNotOpen, now);
        }

        return BookingResult.Done(booking, trip.ToTrip());
    }

    private async Task InsertOrGiveSeatsBackAsync(MongoBookingDocument booking)
    {
        try
        {
            await Bookings.InsertOneAsync(booking, cancellationToken: CancellationToken.None);
        }
        catch (MongoWriteException ex) when (ex.WriteError is not null)
        {
            // The server refused the insert (a write error, not a write-concern one): it certainly did not happen.
            await GiveSeatsBackAsync(booking);
            throw;
        }
        catch (Exception ex) when (ex is MongoException or TimeoutException)
        {
            // The outcome is unknown (the insert may have landed before the connection failed). Seats go back only for a
            // booking that is certainly absent; if even that cannot be read they stay taken, which under-sells.
            if (await Bookings.Find(b => b.Id == booking.Id).AnyAsync(CancellationToken.None))
            {
                return;
            }

            await GiveSeatsBackAsync(booking);
            throw;
        }
    }

    private Task<UpdateResult> GiveSeatsBackAsync(MongoBookingDocument booking) =>
        Trips.UpdateOneAsync(
            t => t.Id == booking.TripId,
            Builders<MongoTripDocument>.Update.Inc(t => t.SeatsAvailable, booking.Seats),
            cancellationToken: CancellationToken.None);

    public async Task<BookingResult> CancelAsync(string bookingId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var booking = await FindAsync(bookingId, cancellationToken);
        if (booking is null)
        {
            return BookingResult.Refused(BookingRefusal.BookingNotFound);
        }

        var trip = (await FindTripAsync(booking.TripId, cancellationToken))!;
        if (booking.Status == BookingStatus.Cancelled)
        {
            return BookingResult.Refused(BookingRefusal.AlreadyCancelled, trip);
        }

        if (trip.Status != TripStatus.Scheduled)
        {
            return BookingResult.Refused(BookingRefusal.TripNotOpen, trip);
        }

        // Only the caller that flips confirmed → cancelled gives the seats back, so they are returned at most once.
        var cancelled = await Bookings.FindOneAndUpdateAsync(
            b => b.Id == bookingId && b.Status == Confirmed,
            Builders<MongoBookingDocument>.Update.Set(b => b.Status, Cancelled).Set(b => b.CancelledAt, at.UtcDateTime),
            new FindOneAndUpdateOptions<MongoBookingDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken);
        if (cancelled is null)
        {
            return BookingResult.Refused(BookingRefusal.AlreadyCancelled, await FindTripAsync(booking.TripId, cancellationToken));
        }

        var after = await Trips.FindOneAndUpdateAsync(
            t => t.Id == booking.TripId,
            Builders<MongoTripDocument>.Update.Inc(t => t.SeatsAvailable, booking.Seats),
            new FindOneAndUpdateOptions<MongoTripDocument> { ReturnDocument = ReturnDocument.After },
            CancellationToken.None);
        return BookingResult.Done(cancelled.ToBooking(), after.ToTrip());
    }

    public async Task<Booking?> FindAsync(string bookingId, CancellationToken cancellationToken) =>
        (await Bookings.Find(b => b.Id == bookingId).FirstOrDefaultAsync(cancellationToken))?.ToBooking();

    public async Task<IReadOnlyList<Booking>> ListForPassengerAsync(string passengerId, BookingStatus? status, int limit, CancellationToken cancellationToken)
    {
        var filter = Builders<MongoBookingDocument>.Filter.Eq(b => b.PassengerId, passengerId) & StatusFilter(status);
        var rows = await Bookings.Find(filter)
            .Sort(Builders<MongoBookingDocument>.Sort.Descending(b => b.CreatedAt).Descending(b => b.Id))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => row.ToBooking())];
    }

    public async Task<IReadOnlyList<Booking>> ListForTripAsync(string tripId, BookingStatus? status, CancellationToken cancellationToken)
    {
        var filter = Builders<MongoBookingDocument>.Filter.Eq(b => b.TripId, tripId) & StatusFilter(status);
        var rows = await Bookings.Find(filter)
            .Sort(Builders<MongoBookingDocument>.Sort.Ascending(b => b.CreatedAt).Ascending(b => b.Id))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(row => row.ToBooking())];
    }

    private static FilterDefinition<MongoBookingDocument> StatusFilter(BookingStatus? status) =>
        status is { } wanted ? Builders<MongoBookingDocument>.Filter.Eq(b => b.Status, wanted.Name()) : Builders<MongoBookingDocument>.Filter.Empty;

    private async Task<Trip?> FindTripAsync(string tripId, CancellationToken cancellationToken) =>
        (await Trips.Find(t => t.Id == tripId).FirstOrDefaultAsync(cancellationToken))?.ToTrip();
}
