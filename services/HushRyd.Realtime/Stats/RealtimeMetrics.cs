using System.Diagnostics.Metrics;
using HushRyd.Realtime.Rooms;

namespace HushRyd.Realtime.Stats;

/// <summary>This node's realtime figures: the <c>HushRyd.Realtime</c> meter for /metrics, and running totals for the cluster stats.</summary>
internal sealed class RealtimeMetrics
{
    public const string MeterName = "HushRyd.Realtime";

    private readonly Counter<long> _received;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _dropped;
    private long _receivedTotal;
    private long _deliveredTotal;

    public RealtimeMetrics(IMeterFactory meters, ConnectionRegistry connections, LocalRooms rooms)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("hushryd.realtime.messages.received", "{message}", "Messages that arrived on the channels of rooms with members here");
        _delivered = meter.CreateCounter<long>("hushryd.realtime.messages.delivered", "{message}", "Messages handed to connections and share streams");
        _dropped = meter.CreateCounter<long>("hushryd.realtime.slow_clients.dropped", "{connection}", "Clients dropped because they did not keep up");
        meter.CreateObservableGauge("hushryd.realtime.connections", () => connections.Count, "{connection}", "Hub connections open on this node");
        meter.CreateObservableGauge(
            "hushryd.realtime.connections.lean",
            () => connections.Each().Count(c => c is Lean.LeanHubConnection),
            "{connection}",
            "Hub connections on the lean path (WebSockets without negotiation), a part of the connections");
        meter.CreateObservableGauge("hushryd.realtime.rooms", () => rooms.Count, "{room}", "Rooms with members on this node");
    }

    public long ReceivedTotal => Interlocked.Read(ref _receivedTotal);

    public long DeliveredTotal => Interlocked.Read(ref _deliveredTotal);

    public void Received()
    {
        Interlocked.Increment(ref _receivedTotal);
        _received.Add(1);
    }

    public void Delivered()
    {
        Interlocked.Increment(ref _deliveredTotal);
        _delivered.Add(1);
    }

    public void SlowClientDropped() => _dropped.Add(1);
}
