using HushRyd.Trips.Bookings;
using HushRyd.Trips.Trips;

namespace HushRyd.Trips.Participants;

/// <summary>Who may see what only a trip's own people see (its share links, its car's plate): its driver, passengers with a confirmed booking, admins.</summary>
public static class TripInsiders
{
    public static async Task<bool> IncludeAsync(IBookingRepository bookings, Trip trip, string? userId, bool isAdmin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(trip);
        if (isAdmin || (userId is not null && trip.DriverId == userId))
        {
            return true;
        }

        if (userId is null)
        {
            return false;
        }

        var confirmed = await bookings.ListForTripAsync(trip.Id, BookingStatus.Confirmed, cancellationToken);
        return confirmed.Any(b => b.PassengerId == userId);
    }
}
