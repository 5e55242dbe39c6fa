using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>The cluster's stats live in Redis: a node that dies leaves them, a restarted one rejoins, the totals carry on.</summary>
public sealed class RealtimeClusterStatsTests : IAsyncLifetime
{
    private readonly RealtimeCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    [Fact]
    public async Task A_killed_node_leaves_the_stats_within_three_intervals_and_its_replacement_joins_them_with_the_totals_kept()
    {
        var (admin, adminToken) = await _cluster.SignInAsync(TestLogin.AdminPhone);
        await using var onA = await HubClient.ConnectAsync(_cluster.A.BaseAddress, adminToken, "admin on A");
        var onB = await HubClient.ConnectAsync(_cluster.B.BaseAddress, adminToken, "admin on B");
        await _cluster.Redis.GetSubscriber().PublishAsync(StackExchange.Redis.RedisChannel.Literal("sos:alerts"), """{"alertId":"sos_stats","status":"active"}""");
        Assert.True(await StatsHoldAsync(admin, t => t.Nodes == 2 && t.Connections == 2 && t.Rooms == 2 && t.MessagesOut == 2), "both nodes, a connection and the admin desk on each");

        await _cluster.ReplaceBAsync(async () =>
        {
            await onB.DisposeAsync();
            Assert.True(await StatsHoldAsync(admin, t => t.Nodes == 1 && t.Connections == 1), "the dead node is gone from the stats");
        });
        await using var onNewB = await HubClient.ConnectAsync(_cluster.B.BaseAddress, adminToken, "admin on the new B");

        Assert.True(await StatsHoldAsync(admin, t => t.Nodes == 2 && t.Connections == 2 && t.MessagesOut == 2), "the new node joins; the delivered total survived the crash");
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    private static Task<bool> StatsHoldAsync(HttpClient admin, Func<Totals, bool> condition) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var view = await admin.GetFromJsonAsync<JsonElement>(new Uri("/admin/v1/realtime/stats", UriKind.Relative));
                var total = view.GetProperty("total");
                return condition(new Totals(
                    total.GetProperty("nodes").GetInt32(),
                    total.GetProperty("connections").GetInt64(),
                    total.GetProperty("rooms").GetInt64(),
                    total.GetProperty("messagesOut").GetInt64()));
            },
            TimeSpan.FromSeconds(8),
            TimeSpan.FromMilliseconds(200));

    private sealed record Totals(int Nodes, long Connections, long Rooms, long MessagesOut);
}
