namespace HushRyd.Realtime.Stats;

/// <summary>GET /admin/v1/realtime/stats: every live node, and the cluster.</summary>
public sealed record RealtimeStatsView(IReadOnlyList<NodeStatsView> Nodes, ClusterStatsView Total);

public sealed record NodeStatsView(string NodeId, long Connections, long Rooms, double MessagesInPerSecond, double MessagesOutPerSecond, DateTimeOffset UpdatedAt);

/// <summary>Rooms counts each room once however many nodes have members in it; the message totals run since the cluster's Redis began.</summary>
public sealed record ClusterStatsView(int Nodes, long Connections, long Rooms, double MessagesInPerSecond, double MessagesOutPerSecond, long MessagesIn, long MessagesOut);
