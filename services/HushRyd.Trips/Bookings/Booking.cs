namespace HushRyd.Trips.Bookings;

public sealed record Booking(
    string Id,
    string TripId,
    string PassengerId,
    int Seats,
    BookingStatus Status,
    string Region,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt = null);
