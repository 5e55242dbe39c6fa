using System.Globalization;
using HushRyd.Platform.Redis;
using HushRyd.Realtime.Rooms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Realtime.Stats;

/// <summary>
/// Reports this node's figures to Redis every stats interval and renews its entries; adds what it received and delivered
/// since the last report to the cluster's running totals. A clean stop removes the node at once.
/// </summary>
internal sealed partial class NodeStatsPublisher(
    IRedisConnection redis,
    NodeIdentity node,
    ConnectionRegistry connections,
    LocalRooms rooms,
    RealtimeMetrics metrics,
    IOptions<RealtimeOptions> options,
    TimeProvider time,
    ILogger<NodeStatsPublisher> logger) : BackgroundService
{
    public const int LifetimeInIntervals = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StatsInterval;
        var last = new Sample(time.GetTimestamp(), metrics.ReceivedTotal, metrics.DeliveredTotal);
        var reported = last;
        await TryAsync(db => db.KeyDeleteAsync(ClusterKeys.NodeRooms(node.Id)));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            var now = new Sample(time.GetTimestamp(), metrics.ReceivedTotal, metrics.DeliveredTotal);
            if (await TryAsync(db => ReportAsync(db, last, now, reported, interval * LifetimeInIntervals)))
            {
                reported = now;
            }

            last = now;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryAsync(async db =>
        {
            await db.KeyDeleteAsync([ClusterKeys.Node(node.Id), ClusterKeys.NodeRooms(node.Id)]);
            await db.SortedSetRemoveAsync(ClusterKeys.Nodes, node.Id);
        });
    }

    private async Task ReportAsync(IDatabase db, Sample last, Sample now, Sample reported, TimeSpan lifetime)
    {
        var seconds = Math.Max(time.GetElapsedTime(last.Timestamp, now.Timestamp).TotalSeconds, 0.001);
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = db.CreateBatch();
        Task[] writes =
        [
            batch.HashSetAsync(ClusterKeys.Node(node.Id),
            [
                new(NodeStatsFields.Connections, connections.Count),
                new(NodeStatsFields.Rooms, rooms.Count),
                new(NodeStatsFields.MessagesInPerSecond, Rate(now.Received - last.Received, seconds)),
                new(NodeStatsFields.MessagesOutPerSecond, Rate(now.Delivered - last.Delivered, seconds)),
                new(NodeStatsFields.UpdatedAt, nowMs),
            ]),
            batch.KeyExpireAsync(ClusterKeys.Node(node.Id), lifetime),
            batch.KeyExpireAsync(ClusterKeys.NodeRooms(node.Id), lifetime),
            batch.SortedSetAddAsync(ClusterKeys.Nodes, node.Id, nowMs),
            batch.SortedSetRemoveRangeByScoreAsync(ClusterKeys.Nodes, double.NegativeInfinity, nowMs - lifetime.TotalMilliseconds),
            batch.HashIncrementAsync(ClusterKeys.Totals, NodeStatsFields.MessagesIn, now.Received - reported.Received),
            batch.HashIncrementAsync(ClusterKeys.Totals, NodeStatsFields.MessagesOut, now.Delivered - reported.Delivered),
        ];
        batch.Execute();
        await Task.WhenAll(writes);
    }

    private static string Rate(long count, double seconds) => (count / seconds).ToString("F1", CultureInfo.InvariantCulture);

    private async Task<bool> TryAsync(Func<IDatabase, Task> operation)
    {
        try
        {
            await operation(redis.Multiplexer.GetDatabase());
            return true;
        }
        // Disposed: the host's shutdown closed the connection first; the node's entries expire on their own.
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogUnavailable(logger, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for the realtime stats; this node reports again next interval")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    private readonly record struct Sample(long Timestamp, long Received, long Delivered);
}
