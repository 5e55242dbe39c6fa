using HushRyd.Platform.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace HushRyd.Realtime.Hubs;

/// <summary>
/// The seed's WebSocket cluster endpoint: every connection is in its user's room (admins also in <c>sos:admins</c>);
/// <c>JoinTrip</c> adds the trip's room for its driver, its passengers and admins, and refuses anyone else out loud
/// (<see cref="HubRooms"/>). WebSockets without negotiation and the JSON protocol take the lean path instead
/// (<see cref="Lean.LeanHubEndpoint"/>), by the same rules.
/// </summary>
internal sealed class RealtimeHub(HubRooms rooms) : Hub
{
    public const string Path = "/ws/hub";

    public override async Task OnConnectedAsync()
    {
        foreach (var room in HubRooms.OnConnect(Context.User!))
        {
            await HubRooms.JoinAsync(() => Groups.AddToGroupAsync(Context.ConnectionId, room));
        }
    }

    public async Task JoinTrip(string tripId)
    {
        var room = await rooms.TripAsync(Context.User!, tripId, Context.ConnectionAborted);
        await HubRooms.JoinAsync(() => Groups.AddToGroupAsync(Context.ConnectionId, room));
    }

    public Task LeaveTrip(string tripId) =>
        string.IsNullOrWhiteSpace(tripId) ? Task.CompletedTask : Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeRooms.Trip(tripId));
}
