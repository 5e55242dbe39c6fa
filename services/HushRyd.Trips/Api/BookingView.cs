using HushRyd.Trips.Bookings;

namespace HushRyd.Trips.Api;

public sealed record BookingView(string Id, string TripId, string PassengerId, int Seats, BookingStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt)
{
    public static BookingView From(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new(booking.Id, booking.TripId, booking.PassengerId, booking.Seats, booking.Status, booking.CreatedAt, booking.CancelledAt);
    }
}
