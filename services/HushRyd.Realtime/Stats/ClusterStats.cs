using System.Globalization;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Realtime.Stats;

/// <summary>Reads every live node's report from Redis, so any node answers for the whole cluster.</summary>
internal sealed class ClusterStats(IRedisConnection redis, IOptions<RealtimeOptions> options, TimeProvider time)
{
    public async Task<RealtimeStatsView> ReadAsync()
    {
        var db = redis.Multiplexer.GetDatabase();
        var since = time.GetUtcNow().ToUnixTimeMilliseconds() - (options.Value.StatsInterval * NodeStatsPublisher.LifetimeInIntervals).TotalMilliseconds;
        var ids = (await db.SortedSetRangeByScoreAsync(ClusterKeys.Nodes, since, double.PositiveInfinity)).Select(id => id.ToString()).ToArray();
        var nodes = new List<NodeStatsView>(ids.Length);
        foreach (var id in ids)
        {
            var fields = (await db.HashGetAllAsync(ClusterKeys.Node(id))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
            if (fields.Count > 0)
            {
                nodes.Add(new NodeStatsView(
                    id,
                    Long(fields, NodeStatsFields.Connections),
                    Long(fields, NodeStatsFields.Rooms),
                    Double(fields, NodeStatsFields.MessagesInPerSecond),
                    Double(fields, NodeStatsFields.MessagesOutPerSecond),
                    DateTimeOffset.FromUnixTimeMilliseconds(Long(fields, NodeStatsFields.UpdatedAt))));
            }
        }

        var rooms = nodes.Count == 0 ? 0 : (await db.SetCombineAsync(SetOperation.Union, [.. nodes.Select(n => (RedisKey)ClusterKeys.NodeRooms(n.NodeId))])).Length;
        var totals = await db.HashGetAsync(ClusterKeys.Totals, [NodeStatsFields.MessagesIn, NodeStatsFields.MessagesOut]);
        var total = new ClusterStatsView(
            nodes.Count,
            nodes.Sum(n => n.Connections),
            rooms,
            nodes.Sum(n => n.MessagesInPerSecond),
            nodes.Sum(n => n.MessagesOutPerSecond),
            (long?)totals[0] ?? 0,
            (long?)totals[1] ?? 0);
        return new RealtimeStatsView(nodes, total);
    }

    private static long Long(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static double Double(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
