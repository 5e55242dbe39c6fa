namespace HushRyd.Realtime.Stats;

/// <summary>Field names of a node's stats hash and of the cluster totals hash.</summary>
internal static class NodeStatsFields
{
    public const string Connections = "connections";
    public const string Rooms = "rooms";
    public const string MessagesInPerSecond = "messagesInPerSecond";
    public const string MessagesOutPerSecond = "messagesOutPerSecond";
    public const string UpdatedAt = "updatedAt";
    public const string MessagesIn = "messagesIn";
    public const string MessagesOut = "messagesOut";
}
