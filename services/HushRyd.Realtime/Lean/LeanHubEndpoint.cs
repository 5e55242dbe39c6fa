using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using HushRyd.Platform.Connections;
using HushRyd.Realtime.Hubs;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Realtime.Lean;

/// <summary>
/// /ws/hub for WebSockets without negotiation (ADR 0008, "The lean path"): SignalR's handshake and hub protocols (its own
/// protocol classes parse and write them), <c>JoinTrip</c>/<c>LeaveTrip</c> by the hub's rules, pings and the client
/// timeout as configured for SignalR (the global HubOptions: the module sets no per-hub ones, so SignalR's hub uses those
/// too); the connection is a room member like SignalR's. Everything else at /ws/hub
/// (negotiate, server-sent events, long polling, WebSockets after negotiation) stays SignalR's.
/// </summary>
internal sealed partial class LeanHubEndpoint(
    IHubProtocolResolver protocols,
    IOptions<HubOptions> hubOptions,
    IOptions<RealtimeOptions> options,
    ConnectionRegistry connections,
    RoomMembership membership,
    HubRooms rooms,
    RealtimeMetrics metrics,
    TimeProvider time,
    IHostApplicationLifetime application,
    ILogger<LeanHubEndpoint> logger)
{
    private const string ClosedWithError = "Connection closed with an error.";
    private const string ServerStopping = "The server is stopping; reconnect.";

    // The hub's own pings keep the connection alive and its client timeout ends it; WebSocket pings on top would only add a timer per socket.
    private static readonly WebSocketAcceptContext AcceptWithoutWebSocketPings = new() { KeepAliveInterval = TimeSpan.Zero };

    private readonly ConcurrentDictionary<string, LeanProtocol> _protocols = new(StringComparer.Ordinal);
    private readonly List<string>? _supportedProtocols = hubOptions.Value.SupportedProtocols is { } names ? [.. names] : null;

    private HubOptions Hub => hubOptions.Value;

    private bool DetailedErrors => Hub.EnableDetailedErrors ?? false;

    public async Task HandleAsync(HttpContext context)
    {
        var caller = HubCaller.From(context);
        if (context.Features.Get<ITransportHandoverFeature>() is { CanTakeOver: true } handover
            && HttpProtocol.IsHttp11(context.Request.Protocol)
            && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true })
        {
            // The 101 answer as for any WebSocket; the socket it comes with goes unused: once the request is over, the
            // connection's own transport carries the hub, and nothing of the request stays in memory (ADR 0008).
            _ = await context.WebSockets.AcceptWebSocketAsync(AcceptWithoutWebSocketPings);
            handover.TakeOver(connection => ServeTakenOverAsync(connection, caller));
            return;
        }

        await ServeAsync(await context.WebSockets.AcceptWebSocketAsync(AcceptWithoutWebSocketPings), caller, new SocketLifetime(context.Connection.Id, context.Abort, context.RequestAborted));
    }

    private Task ServeTakenOverAsync(ConnectionContext connection, HubCaller caller) => ServeAsync(
        WebSocket.CreateFromStream(new TransportStream(connection.Transport), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero }),
        caller,
        new SocketLifetime(connection.ConnectionId, connection.Abort, connection.ConnectionClosed));

    /// <summary>Serves the hub over <paramref name="socket"/>, which it owns from here: disposed when the connection ends.</summary>
    private async Task ServeAsync(WebSocket socket, HubCaller caller, SocketLifetime lifetime)
    {
        using var owned = socket;
        using var reader = new HubFrameReader(socket, Hub.MaximumReceiveMessageSize ?? 32 * 1024);
        if (await HandshakeAsync(socket, reader, lifetime.Ended) is not { } protocol)
        {
            await CloseSocketAsync(socket);
            return;
        }

        using var connection = new LeanHubConnection(socket, caller, lifetime, protocol, options.Value.MaxPendingMessages, metrics, time);
        connections.Add(connection);
        try
        {
            // Added first: a server that began stopping since is seen here, or its SendAllElsewhere sees this connection.
            if (application.ApplicationStopping.IsCancellationRequested)
            {
                SendElsewhere(connection);
            }

            if (await ConnectedAsync(connection))
            {
                await ReceiveAsync(connection, reader);
            }

            await CloseSocketAsync(socket);
        }
        finally
        {
            connection.Ended();
            connections.TryRemove(connection.ConnectionId, out _);
            await membership.EndAsync(connection);
        }
    }

    /// <summary>
    /// On the server's way down every lean client is told to reconnect, to another node, as SignalR tells its own: the
    /// fan-out stops before Kestrel has drained, and a client left connected would hear nothing until it was cut off.
    /// </summary>
    public void SendAllElsewhere()
    {
        foreach (var member in connections.Each())
        {
            if (member is LeanHubConnection connection)
            {
                SendElsewhere(connection);
            }
        }
    }

    private static void SendElsewhere(LeanHubConnection connection) => connection.Drop(reason: ServerStopping, reconnect: true);

    /// <returns>The protocol the client asked for, once it has been told yes; null when it was refused or went away.</returns>
    private async Task<LeanProtocol?> HandshakeAsync(WebSocket socket, HubFrameReader reader, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(Hub.HandshakeTimeout ?? TimeSpan.FromSeconds(15));
        HandshakeRequestMessage? request;
        try
        {
            var unread = reader.Unread;
            while (!HandshakeProtocol.TryParseRequestMessage(ref unread, out request))
            {
                if (!await reader.ReadAsync(timeout.Token))
                {
                    return null;
                }

                unread = reader.Unread;
            }

            reader.KeepLast(unread.Length);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            await AnswerHandshakeAsync(socket, HubErrors.Describe("An unexpected error occurred during connection handshake.", ex, DetailedErrors));
            return null;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            LogHandshakeAbandoned(logger, ex.GetType().Name);
            return null;
        }

        if (protocols.GetProtocol(request.Protocol, _supportedProtocols) is not { } hubProtocol)
        {
            await AnswerHandshakeAsync(socket, $"The protocol '{request.Protocol}' is not supported.");
            return null;
        }

        if (!hubProtocol.IsVersionSupported(request.Version))
        {
            await AnswerHandshakeAsync(socket, $"The server does not support version {request.Version} of the '{request.Protocol}' protocol.");
            return null;
        }

        await AnswerHandshakeAsync(socket, null);
        return _protocols.GetOrAdd(hubProtocol.Name, _ => new LeanProtocol(hubProtocol));
    }

    /// <summary>What the hub does on connecting: the user's rooms. Redis not answering closes the connection with the hub error.</summary>
    private async Task<bool> ConnectedAsync(LeanHubConnection connection)
    {
        try
        {
            foreach (var room in HubRooms.OnConnect(connection.User))
            {
                await HubRooms.JoinAsync(() => membership.JoinAsync(connection, room));
            }

            return true;
        }
        catch (HubException ex)
        {
            await connection.SendAsync(connection.Protocol.Bytes(new CloseMessage(HubErrors.Describe(ClosedWithError, ex, DetailedErrors), allowReconnect: true)));
            return false;
        }
    }

    private async Task ReceiveAsync(LeanHubConnection connection, HubFrameReader reader)
    {
        var invocations = new LeanHubInvocations(connection, rooms, membership, DetailedErrors, logger);
        try
        {
            while (true)
            {
                var unread = reader.Unread;
                while (connection.Protocol.Protocol.TryParseMessage(ref unread, HubInvocationBinder.Instance, out var message))
                {
                    if (!await invocations.DispatchAsync(message))
                    {
                        return;
                    }
                }

                reader.KeepLast(unread.Length);
                if (!await reader.ReadAsync(connection.Aborted))
                {
                    return;
                }

                connection.Received();
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            await connection.SendAsync(connection.Protocol.Bytes(new CloseMessage(HubErrors.Describe(ClosedWithError, ex, DetailedErrors), allowReconnect: false)));
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // The client went away or was dropped.
        }
    }

    private static async Task AnswerHandshakeAsync(WebSocket socket, string? error)
    {
        var answer = new ArrayBufferWriter<byte>(64);
        HandshakeProtocol.WriteResponseMessage(error is null ? HandshakeResponseMessage.Empty : new HandshakeResponseMessage(error), answer);
        try
        {
            await socket.SendAsync(answer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            // Gone before the answer.
        }
    }

    private static async Task CloseSocketAsync(WebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Gone already.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A lean hub connection ended before its handshake ({Reason})")]
    private static partial void LogHandshakeAbandoned(ILogger logger, string reason);
}
