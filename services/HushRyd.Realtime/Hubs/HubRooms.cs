using System.Security.Claims;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Trips;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace HushRyd.Realtime.Hubs;

/// <summary>
/// Which rooms a hub connection is in and may join, whichever path serves it (SignalR's hub or the lean WebSocket path):
/// its user's room and, for admins, <c>sos:admins</c>; a trip's room for its driver, its passengers and admins only.
/// Refusals are hub errors the client sees.
/// </summary>
internal sealed class HubRooms(ITripDirectory trips)
{
    public const string Unavailable = "Live updates are unavailable right now; try again shortly.";

    public static IEnumerable<string> OnConnect(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        yield return RealtimeRooms.User(user.UserId()!);
        if (user.IsAdmin())
        {
            yield return RealtimeRooms.SosAdmins;
        }
    }

    /// <summary>The trip's room, if <paramref name="user"/> may follow the trip.</summary>
    public async Task<string> TripAsync(ClaimsPrincipal user, string tripId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(tripId))
        {
            throw new HubException("JoinTrip needs a trip id.");
        }

        var trip = await trips.FindAsync(tripId, cancellationToken) ?? throw new HubException($"Trip {tripId} not found.");
        if (!user.IsAdmin() && !trip.Includes(user.UserId()!))
        {
            throw new HubException("Only the trip's driver, its passengers and admins can follow this trip.");
        }

        return RealtimeRooms.Trip(tripId);
    }

    /// <summary>Runs a join; Redis not answering is a hub error the client may retry, not a failed connection.</summary>
    public static async Task JoinAsync(Func<Task> join)
    {
        ArgumentNullException.ThrowIfNull(join);
        try
        {
            await join();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new HubException(Unavailable, ex);
        }
    }
}
