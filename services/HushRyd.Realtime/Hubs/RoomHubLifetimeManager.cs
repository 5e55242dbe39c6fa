using HushRyd.Platform.Identity;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Sessions;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Realtime.Hubs;

/// <summary>
/// SignalR's own lifetime manager for connections and direct sends, with groups replaced by this node's rooms: joining a
/// group subscribes the node to the room's channel, and a group send writes to each member without waiting for slow ones
/// (<see cref="ConnectionMember"/>). Group sends reach this node's members; to reach every node, use IRealtimeBroadcaster.
/// </summary>
internal sealed class RoomHubLifetimeManager<THub>(
    ILogger<DefaultHubLifetimeManager<THub>> logger,
    ConnectionRegistry connections,
    LocalRooms rooms,
    RoomMembership membership,
    RealtimeMetrics metrics,
    IOptions<RealtimeOptions> options) : DefaultHubLifetimeManager<THub>(logger)
    where THub : Hub
{
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await base.OnConnectedAsync(connection);
        var userId = connection.User.UserId() ?? throw new HubException("Realtime connections are for signed-in users.");
        connections.Add(new SignalRConnectionMember(connection, userId, ConnectionCredentials.From(connection.GetHttpContext()), options.Value.MaxPendingMessages, metrics));
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connections.TryRemove(connection.ConnectionId, out var member))
        {
            await membership.EndAsync(member!);
        }

        await base.OnDisconnectedAsync(connection);
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (connections.Find(connectionId) is { } member)
        {
            await membership.JoinAsync(member, groupName);
        }
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (connections.Find(connectionId) is { } member)
        {
            await membership.LeaveAsync(member, groupName);
        }
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        rooms.Deliver(groupName, new RoomMessage(methodName, args));
        return Task.CompletedTask;
    }

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var message = new RoomMessage(methodName, args);
        foreach (var group in groupNames)
        {
            rooms.Deliver(group, message);
        }

        return Task.CompletedTask;
    }

    public override Task SendGroupExceptAsync(
        string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(excludedConnectionIds);
        var message = new RoomMessage(methodName, args);
        foreach (var member in rooms.Members(groupName))
        {
            if (member is not ConnectionMember connection || !excludedConnectionIds.Contains(connection.ConnectionId))
            {
                member.Deliver(message);
            }
        }

        return Task.CompletedTask;
    }
}
