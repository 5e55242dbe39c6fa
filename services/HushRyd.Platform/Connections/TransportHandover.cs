using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace HushRyd.Platform.Connections;

/// <summary>
/// One connection's transport as HTTP is given it, and the way a request takes it back (<see cref="ITransportHandoverFeature"/>).
/// HTTP also registers its timeouts on the connection's heartbeat, which would keep its whole state alive for as long as the
/// connection lasts and could time the socket out from under the new owner; those registrations go through here and are
/// let go when the transport is taken.
/// </summary>
internal sealed class TransportHandover : IDuplexPipe, IConnectionHeartbeatFeature, ITransportHandoverFeature
{
    private readonly IConnectionHeartbeatFeature? _heartbeat;
    private readonly IFeatureCollection _features;
    private readonly Lock _gate = new();
    private List<HeartbeatRelay>? _relays;
    private Func<ConnectionContext, Task>? _run;
    private Action? _released;
    private volatile bool _takenOver;

    private TransportHandover(IDuplexPipe transport, IConnectionHeartbeatFeature? heartbeat, IFeatureCollection features)
    {
        _heartbeat = heartbeat;
        _features = features;
        Input = new HandoverPipeReader(transport.Input, this);
        Output = new HandoverPipeWriter(transport.Output, this);
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public bool IsTakenOver => _takenOver;

    public bool CanTakeOver => !_takenOver && _features.Get<ITlsConnectionFeature>() is null;

    /// <summary>Serves the connection: HTTP over this handover, then, if a request took the transport, the request's run.</summary>
    public static async Task ServeAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        var heartbeat = connection.Features.Get<IConnectionHeartbeatFeature>();
        var handover = new TransportHandover(transport, heartbeat, connection.Features);
        connection.Transport = handover;
        connection.Features.Set<IConnectionHeartbeatFeature>(handover);
        connection.Features.Set<ITransportHandoverFeature>(handover);
        await next(connection);
        if (handover._run is not { } run)
        {
            return;
        }

        connection.Transport = transport;
        connection.Features.Set(heartbeat);
        connection.Features.Set<ITransportHandoverFeature>(null);
        try
        {
            await run(connection);
        }
        finally
        {
            handover._released?.Invoke();
        }
    }

    public void TakeOver(Func<ConnectionContext, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (!CanTakeOver)
            {
                throw new InvalidOperationException("This connection's transport cannot be taken over.");
            }

            _run = run;
            _takenOver = true;
            foreach (var relay in _relays ?? [])
            {
                relay.LetGo();
            }

            _relays = null;
        }
    }

    public void OnReleased(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!_takenOver)
        {
            throw new InvalidOperationException("The transport has not been taken over.");
        }

        _released += callback;
    }

    public void OnHeartbeat(Action<object> action, object state)
    {
        if (_heartbeat is null)
        {
            return;
        }

        var relay = new HeartbeatRelay(action, state);
        lock (_gate)
        {
            if (_takenOver)
            {
                return;
            }

            (_relays ??= []).Add(relay);
        }

        _heartbeat.OnHeartbeat(static r => ((HeartbeatRelay)r).Beat(), relay);
    }

    /// <summary>One heartbeat registration, forwarded until the transport is taken.</summary>
    private sealed class HeartbeatRelay(Action<object> action, object state)
    {
        private Action<object>? _action = action;
        private object? _state = state;

        public void Beat()
        {
            if (Volatile.Read(ref _action) is { } act && _state is { } st)
            {
                act(st);
            }
        }

        public void LetGo()
        {
            Volatile.Write(ref _action, null);
            _state = null;
        }
    }
}
