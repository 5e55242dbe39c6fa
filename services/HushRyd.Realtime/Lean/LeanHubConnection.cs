using System.Net.WebSockets;
using System.Security.Claims;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace HushRyd.Realtime.Lean;

/// <summary>
/// A hub connection on the lean path: a WebSocket whose sends go straight to the socket, one at a time, from whichever
/// thread delivers; no pipes or transport loop between them. The bound on unsent messages and the drop are the
/// <see cref="ConnectionMember"/>'s, as for SignalR's connections.
/// </summary>
internal sealed class LeanHubConnection(
    WebSocket socket, HubCaller caller, SocketLifetime lifetime, LeanProtocol protocol, int maxPending, RealtimeMetrics metrics, TimeProvider time)
    : ConnectionMember(caller.UserId, caller.Credentials, maxPending, metrics), IDisposable
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private long _lastReceived = time.GetTimestamp();
    private long _lastSent = time.GetTimestamp();
    private int _ended;

    public override string ConnectionId { get; } = lifetime.Id + ":" + Guid.NewGuid().ToString("N");

    public ClaimsPrincipal User => caller.User;

    public LeanProtocol Protocol => protocol;

    public CancellationToken Aborted => lifetime.Ended;

    public TimeSpan SinceReceived => time.GetElapsedTime(Volatile.Read(ref _lastReceived));

    public TimeSpan SinceSent => time.GetElapsedTime(Volatile.Read(ref _lastSent));

    public void Received() => Volatile.Write(ref _lastReceived, time.GetTimestamp());

    /// <summary>Sends one serialized hub message; sends queue behind each other in order.</summary>
    /// <exception cref="InvalidOperationException">The connection is closed (thrown or in the returned task).</exception>
    public ValueTask SendAsync(ReadOnlyMemory<byte> message) =>
        _sending.Wait(0) ? SendHoldingGateAsync(message) : new ValueTask(SendQueuedAsync(message));

    /// <summary>Sends a ping unless a send is under way (then the client hears from the server anyway).</summary>
    public void PingIfIdle()
    {
        try
        {
            if (_sending.Wait(0))
            {
                _ = ObserveAsync(SendHoldingGateAsync(protocol.Ping));
            }
        }
        catch (ObjectDisposedException)
        {
            // Ended meanwhile.
        }
    }

    /// <summary>Marks what carried the socket over: closing later must not touch what the server reuses.</summary>
    public void Ended() => Volatile.Write(ref _ended, 1);

    public void Dispose() => _sending.Dispose();

    protected override ValueTask WriteAsync(RoomMessage message) => SendAsync(message.SerializedFor(protocol.Protocol).GetSerializedMessage(protocol.Protocol));

    /// <summary>With a reason, a close message and the WebSocket's closing handshake, then the socket; without one (a slow client), the socket at once.</summary>
    protected override void Close(string? reason, bool reconnect)
    {
        if (reason is null)
        {
            Abort();
            return;
        }

        _ = CloseWithAsync(reason, reconnect);
    }

    private async Task CloseWithAsync(string reason, bool reconnect)
    {
        using var grace = new CancellationTokenSource(CloseGrace);
        try
        {
            await SendAsync(protocol.Bytes(new CloseMessage(reason, allowReconnect: reconnect))).AsTask().WaitAsync(grace.Token);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token);
            await Task.Delay(CloseGrace, lifetime.Ended);
        }
        catch (Exception ex) when (ex is InvalidOperationException or WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is going or gone; the abort below makes sure.
        }

        Abort();
    }

    private void Abort()
    {
        if (Volatile.Read(ref _ended) == 0)
        {
            lifetime.Abort();
        }
    }

    private async Task SendQueuedAsync(ReadOnlyMemory<byte> message)
    {
        await _sending.WaitAsync();
        await SendHoldingGateAsync(message);
    }

    private ValueTask SendHoldingGateAsync(ReadOnlyMemory<byte> message)
    {
        ValueTask send;
        try
        {
            send = socket.SendAsync(message, protocol.Frames, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception ex) when (IsClosed(ex))
        {
            _sending.Release();
            return ValueTask.FromException(new InvalidOperationException("The connection is closed.", ex));
        }

        Volatile.Write(ref _lastSent, time.GetTimestamp());
        if (send.IsCompletedSuccessfully)
        {
            send.GetAwaiter().GetResult();
            _sending.Release();
            return default;
        }

        return new ValueTask(ReleaseWhenSentAsync(send));
    }

    private async Task ReleaseWhenSentAsync(ValueTask send)
    {
        try
        {
            await send;
        }
        catch (Exception ex) when (IsClosed(ex))
        {
            throw new InvalidOperationException("The connection is closed.", ex);
        }
        finally
        {
            _sending.Release();
        }
    }

    private static async Task ObserveAsync(ValueTask send)
    {
        try
        {
            await send;
        }
        catch (InvalidOperationException)
        {
            // The receive loop sees the connection end and cleans up.
        }
    }

    private static bool IsClosed(Exception ex) => ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException;
}
