using System.Security.Claims;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Trips;

namespace HushRyd.Location.Access;

/// <summary>Who may report and who may see a trip's position.</summary>
public static class TripPermissions
{
    public static bool MayReport(TripParticipants trip, string? userId) => userId is not null && trip.DriverId == userId;

    public static bool MayWatch(TripParticipants trip, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(trip);
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdmin() || (user.UserId() is { } userId && trip.Includes(userId));
    }
}
