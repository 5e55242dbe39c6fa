namespace HushRyd.Trips.Bookings;

public interface IBookingRepository
{
    /// <summary>
    /// Takes <see cref="Booking.Seats"/> from the trip and stores the booking as one atomic step in the store
    /// (not a lock in this process), so concurrent bookings across instances never overbook.
    /// </summary>
    Task<BookingResult> BookAsync(Booking booking, CancellationToken cancellationToken);

    /// <summary>Cancels a confirmed booking of a scheduled trip and gives its seats back, once.</summary>
    Task<BookingResult> CancelAsync(string bookingId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Booking?> FindAsync(string bookingId, CancellationToken cancellationToken);

    /// <summary>A passenger's bookings, newest first.</summary>
    Task<IReadOnlyList<Booking>> ListForPassengerAsync(string passengerId, BookingStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>A trip's bookings, oldest first.</summary>
    Task<IReadOnlyList<Booking>> ListForTripAsync(string tripId, BookingStatus? status, CancellationToken cancellationToken);
}
