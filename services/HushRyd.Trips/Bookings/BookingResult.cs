using HushRyd.Trips.Trips;

namespace HushRyd.Trips.Bookings;

public enum BookingRefusal
{
    None,
    TripNotFound,

    /// <summary>The trip has started or ended; only scheduled trips take bookings or give seats back.</summary>
    TripNotOpen,
    NotEnoughSeats,
    BookingNotFound,
    AlreadyCancelled,
}

/// <summary>What a booking or cancellation did: the booking and the trip's seats after it, or why nothing changed.</summary>
public sealed record BookingResult(BookingRefusal Refusal, Booking? Booking, Trip? Trip)
{
    public bool Succeeded => Refusal == BookingRefusal.None;

    public static BookingResult Done(Booking booking, Trip trip) => new(BookingRefusal.None, booking, trip);

    public static BookingResult Refused(BookingRefusal refusal, Trip? trip = null) => new(refusal, null, trip);
}
