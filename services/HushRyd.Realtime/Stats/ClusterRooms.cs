using HushRyd.Platform.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HushRyd.Realtime.Stats;

/// <summary>Records in Redis which rooms this node has members in, so membership is known cluster-wide.</summary>
internal sealed partial class ClusterRooms(IRedisConnection redis, NodeIdentity node, ILogger<ClusterRooms> logger)
{
    public void Added(string room) => Write(db => db.SetAdd(ClusterKeys.NodeRooms(node.Id), room, CommandFlags.FireAndForget));

    public void Removed(string room) => Write(db => db.SetRemove(ClusterKeys.NodeRooms(node.Id), room, CommandFlags.FireAndForget));

    private void Write(Action<IDatabase> write)
    {
        try
        {
            write(redis.Multiplexer.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The room still works on this node; only the cluster-wide room list misses this change.
            LogUnavailable(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for the cluster room list")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
