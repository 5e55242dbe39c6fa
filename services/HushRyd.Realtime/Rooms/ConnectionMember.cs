using HushRyd.Realtime.Sessions;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.SignalR;

namespace HushRyd.Realtime.Rooms;

/// <summary>
/// A hub connection as a room member. Writes are not awaited by the sender, so one slow client never delays a room;
/// instead each connection may have only so many writes its transport has not taken yet, and one more drops it.
/// </summary>
internal sealed class ConnectionMember(HubConnectionContext connection, string userId, ConnectionCredentials credentials, int maxPending, RealtimeMetrics metrics)
    : IRoomMember
{
    private readonly Lock _roomsGate = new();

    // Two or three rooms each, replaced on change: with its lock, a third of what a set costs for as many connections.
    private string[] _rooms = [];
    private int _pending;
    private int _dropped;

    public string ConnectionId => connection.ConnectionId;

    public string UserId { get; } = userId;

    public ConnectionCredentials Credentials { get; } = credentials;

    public bool Dropped => Volatile.Read(ref _dropped) == 1;

    public bool Deliver(RoomMessage message)
    {
        if (Dropped)
        {
            return false;
        }

        ValueTask write;
        try
        {
            write = connection.WriteAsync(message.SerializedFor(connection.Protocol), CancellationToken.None);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }

        if (write.IsCompletedSuccessfully)
        {
            write.GetAwaiter().GetResult();
            metrics.Delivered();
            return true;
        }

        if (Interlocked.Increment(ref _pending) > maxPending)
        {
            Drop(metrics.SlowClientDropped);
        }

        _ = CompleteAsync(write);
        return !Dropped;
    }

    /// <summary>Closes the connection; the client may reconnect.</summary>
    public void Drop(Action? count = null)
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            count?.Invoke();
            connection.Abort();
        }
    }

    public bool TrackRoom(string room, bool joined)
    {
        lock (_roomsGate)
        {
            var index = Array.IndexOf(_rooms, room);
            if (joined == index >= 0)
            {
                return false;
            }

            _rooms = joined ? [.. _rooms, room] : [.. _rooms[..index], .. _rooms[(index + 1)..]];
            return true;
        }
    }

    public IReadOnlyList<string> Rooms() => Volatile.Read(ref _rooms);

    private async Task CompleteAsync(ValueTask write)
    {
        try
        {
            await write;
            metrics.Delivered();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The connection went away while the message waited; its disconnect cleans up.
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }
}
