using HushRyd.Realtime.Sessions;
using HushRyd.Realtime.Stats;

namespace HushRyd.Realtime.Rooms;

/// <summary>
/// A hub connection as a room member. Writes are not awaited by the sender, so one slow client never delays a room;
/// instead each connection may have only so many writes its transport has not taken yet, and one more drops it.
/// The transport is SignalR's (<see cref="Hubs.SignalRConnectionMember"/>) or the lean WebSocket path's.
/// </summary>
internal abstract class ConnectionMember(string userId, ConnectionCredentials credentials, int maxPending, RealtimeMetrics metrics)
    : IRoomMember
{
    private readonly Lock _roomsGate = new();

    // Two or three rooms each, replaced on change: with its lock, a third of what a set costs for as many connections.
    private string[] _rooms = [];
    private int _pending;
    private int _dropped;

    public abstract string ConnectionId { get; }

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
            write = WriteAsync(message);
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
    /// <param name="reason">Told to the client where its transport can say why (the lean path's close message).</param>
    /// <param name="reconnect">Tells the client, with the reason, to reconnect at once (the server is going).</param>
    public void Drop(Action? count = null, string? reason = null, bool reconnect = false)
    {
        if (Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            count?.Invoke();
            Close(reason, reconnect);
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

    /// <summary>Hands the message to the transport; completes when the transport has taken it.</summary>
    protected abstract ValueTask WriteAsync(RoomMessage message);

    protected abstract void Close(string? reason, bool reconnect);

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
