using HushRyd.Platform.Identity;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Trips;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace HushRyd.Realtime.Hubs;

/// <summary>
/// The seed's WebSocket cluster endpoint: every connection is in its user's room (admins also in <c>sos:admins</c>);
/// <c>JoinTrip</c> adds the trip's room for its driver, its passengers and admins, and refuses anyone else out loud.
/// </summary>
public sealed class RealtimeHub(ITripDirectory trips) : Hub
{
    public const string Path = "/ws/hub";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await JoinAsync(RealtimeRooms.User(user.UserId()!));
        if (user.IsAdmin())
        {
            await JoinAsync(RealtimeRooms.SosAdmins);
        }
    }

    public async Task JoinTrip(string tripId)
    {
        if (string.IsNullOrWhiteSpace(tripId))
        {
            throw new HubException("JoinTrip needs a trip id.");
        }

        var user = Context.User!;
        var trip = await trips.FindAsync(tripId, Context.ConnectionAborted) ?? throw new HubException($"Trip {tripId} not found.");
        if (!user.IsAdmin() && !trip.Includes(user.UserId()!))
        {
            throw new HubException("Only the trip's driver, its passengers and admins can follow this trip.");
        }

        await JoinAsync(RealtimeRooms.Trip(tripId));
    }

    public Task LeaveTrip(string tripId) =>
        string.IsNullOrWhiteSpace(tripId) ? Task.CompletedTask : Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeRooms.Trip(tripId));

    private async Task JoinAsync(string room)
    {
        try
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, room);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new HubException("Live updates are unavailable right now; try again shortly.", ex);
        }
    }
}
