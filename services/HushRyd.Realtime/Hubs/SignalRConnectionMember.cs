using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Sessions;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.SignalR;

namespace HushRyd.Realtime.Hubs;

/// <summary>A SignalR hub connection (any transport, any protocol, after negotiation or not) as a room member.</summary>
internal sealed class SignalRConnectionMember(HubConnectionContext connection, string userId, ConnectionCredentials credentials, int maxPending, RealtimeMetrics metrics)
    : ConnectionMember(userId, credentials, maxPending, metrics)
{
    public override string ConnectionId => connection.ConnectionId;

    protected override ValueTask WriteAsync(RoomMessage message) => connection.WriteAsync(message.SerializedFor(connection.Protocol), CancellationToken.None);

    protected override void Close(string? reason, bool reconnect) => connection.Abort();
}
