namespace HushRyd.Realtime.Stats;

/// <summary>
/// Redis keys of the realtime cluster. One hash tag keeps them in one Redis Cluster slot, so a union over nodes is one command.
/// A node's entries expire unless it renews them, so a node that dies leaves the stats within three stats intervals.
/// </summary>
internal static class ClusterKeys
{
    /// <summary>Sorted set: node id → unix milliseconds of its last report.</summary>
    public const string Nodes = "{realtime}:nodes";

    /// <summary>Hash: cumulative messages received and delivered by all nodes, kept across restarts.</summary>
    public const string Totals = "{realtime}:totals";

    /// <summary>Hash: one node's connections, rooms and message rates.</summary>
    public static string Node(string nodeId) => "{realtime}:node:" + nodeId;

    /// <summary>Set: the rooms a node has members in.</summary>
    public static string NodeRooms(string nodeId) => Node(nodeId) + ":rooms";
}
