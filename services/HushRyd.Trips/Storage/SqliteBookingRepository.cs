using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Trips;
using static HushRyd.Trips.Storage.SqliteTripRows;

namespace HushRyd.Trips.Storage;

/// <summary>
/// Bookings in the embedded database. The seat count is taken by a conditional UPDATE inside the same
/// transaction as the booking's INSERT; SQLite's write lock serialises writers across processes too.
/// </summary>
public sealed class SqliteBookingRepository(SqliteDatabase database, SqliteWriter writer) : IBookingRepository
{
    public Task<BookingResult> BookAsync(Booking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return writer.WriteAsync(
            (connection, transaction) =>
            {
                var taken = connection.Execute(
                    transaction,
                    "UPDATE trips SET seats_available = seats_available - $seats WHERE id = $trip AND status = $scheduled AND seats_available >= $seats;",
                    ("$trip", booking.TripId),
                    ("$seats", booking.Seats),
                    ("$scheduled", TripStatus.Scheduled.Name()));
                var trip = FindTrip(connection, transaction, booking.TripId);
                if (taken == 0)
                {
                    return trip is null ? BookingResult.Refused(BookingRefusal.TripNotFound)
                        : trip.Status != TripStatus.Scheduled ? BookingResult.Refused(BookingRefusal.TripNotOpen, trip)
                        : BookingResult.Refused(BookingRefusal.NotEnoughSeats, trip);
                }

                connection.Execute(
                    transaction,
                    $"INSERT INTO bookings ({BookingColumns}) VALUES ($id, $trip, $passenger, $seats, $status, $region, $createdAt, NULL);",
                    ("$id", booking.Id),
                    ("$trip", booking.TripId),
                    ("$passenger", booking.PassengerId),
                    ("$seats", booking.Seats),
                    ("$status", booking.Status.Name()),
                    ("$region", booking.Region),
                    ("$createdAt", booking.CreatedAt.ToUnixTimeMilliseconds()));
                return BookingResult.Done(booking, trip!);
            },
            cancellationToken);
    }

    public Task<BookingResult> CancelAsync(string bookingId, DateTimeOffset at, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) =>
            {
                var booking = FindBooking(connection, transaction, bookingId);
                if (booking is null)
                {
                    return BookingResult.Refused(BookingRefusal.BookingNotFound);
                }

                var trip = FindTrip(connection, transaction, booking.TripId)!;
                if (booking.Status == BookingStatus.Cancelled)
                {
                    return BookingResult.Refused(BookingRefusal.AlreadyCancelled, trip);
                }

                if (trip.Status != TripStatus.Scheduled)
                {
                    return BookingResult.Refused(BookingRefusal.TripNotOpen, trip);
                }

                connection.Execute(
                    transaction,
                    "UPDATE bookings SET status = $cancelled, cancelled_at = $at WHERE id = $id;",
                    ("$id", bookingId),
                    ("$cancelled", BookingStatus.Cancelled.Name()),
                    ("$at", at.ToUnixTimeMilliseconds()));
                connection.Execute(
                    transaction,
                    "UPDATE trips SET seats_available = seats_available + $seats WHERE id = $trip;",
                    ("$trip", trip.Id),
                    ("$seats", booking.Seats));
                return BookingResult.Done(
                    booking with { Status = BookingStatus.Cancelled, CancelledAt = at },
                    trip with { SeatsAvailable = trip.SeatsAvailable + booking.Seats });
            },
            cancellationToken);

    public async Task<Booking?> FindAsync(string bookingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return FindBooking(connection, null, bookingId);
    }

    public async Task<IReadOnlyList<Booking>> ListForPassengerAsync(string passengerId, BookingStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            $"SELECT {BookingColumns} FROM bookings WHERE passenger_id = $passenger AND ($status IS NULL OR status = $status) ORDER BY created_at DESC, id DESC LIMIT $limit;",
            ReadBooking,
            ("$passenger", passengerId),
            ("$status", status?.Name()),
            ("$limit", limit));
    }

    public async Task<IReadOnlyList<Booking>> ListForTripAsync(string tripId, BookingStatus? status, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            $"SELECT {BookingColumns} FROM bookings WHERE trip_id = $trip AND ($status IS NULL OR status = $status) ORDER BY created_at, id;",
            ReadBooking,
            ("$trip", tripId),
            ("$status", status?.Name()));
    }
}
