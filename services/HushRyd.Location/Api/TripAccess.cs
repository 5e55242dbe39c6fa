using System.Security.Claims;
using HushRyd.Location.Access;
using HushRyd.Platform.Http;
using HushRyd.Platform.Trips;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Location.Api;

/// <summary>The checks every trip-scoped location endpoint starts with.</summary>
internal static class TripAccess
{
    /// <summary>The trip when the caller may watch it: a participant, an admin, or someone holding a live share token for it.</summary>
    public static async Task<(TripParticipants? Trip, ProblemHttpResult? Problem)> WatchAsync(
        string tripId, ClaimsPrincipal user, string? shareToken, CachedTripDirectory trips, CancellationToken cancellationToken)
    {
        var trip = await trips.FindAsync(tripId, cancellationToken);
        if (trip is null)
        {
            return (null, Problems.NotFound("Trip"));
        }

        if (TripPermissions.MayWatch(trip, user))
        {
            return (trip, null);
        }

        if (!string.IsNullOrEmpty(shareToken) && await trips.ResolveShareTokenAsync(shareToken, cancellationToken) == tripId)
        {
            return (trip, null);
        }

        return (null, Problems.Forbidden("Only the trip's driver and passengers, admins and holders of its share link see where it is."));
    }
}
