using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>What one node does at its limits: a client that stops reading, and more WebSockets than it may hold.</summary>
public sealed class RealtimeLimitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int UpgradeCap = 3;
    private const int MaxPendingMessages = 16;
    private const int TransportBufferBytes = 32 * 1024;
    private readonly TempDirectory _data = new();
    private readonly int _redisPort = FreePort.Next();
    private readonly List<IAsyncDisposable> _connections = [];
    private ServerProcess _server = null!;
    private HttpClient _anonymous = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(_data.Path, new Dictionary<string, string>
        {
            ["Redis__EmbeddedPort"] = _redisPort.ToString(CultureInfo.InvariantCulture),
            ["Kestrel__Limits__MaxConcurrentUpgradedConnections"] = UpgradeCap.ToString(CultureInfo.InvariantCulture),
            ["Realtime__MaxPendingMessages"] = MaxPendingMessages.ToString(CultureInfo.InvariantCulture),
            ["Realtime__TransportBufferBytes"] = TransportBufferBytes.ToString(CultureInfo.InvariantCulture),
        });
        _anonymous = await _server.WaitUntilReadyAsync();
        _redis = await TestRedis.ConnectToServerGarnetAsync(_data.Path, _redisPort);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_before_the_server_holds_more_than_its_buffers_while_the_rest_of_its_room_gets_everything()
    {
        using var driver = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, TestLogin.DriverPhones[0]);
        var driverToken = driver.DefaultRequestHeaders.Authorization!.Parameter!;
        using var rider = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, "+919812349001");
        var tripId = await RealtimeTrips.PublishAndBookAsync(driver, rider);
        var reader = await HubClient.ConnectAsync(_server.BaseAddress, driverToken, "driver, reading");
        _connections.Add(reader);
        await reader.Connection.InvokeAsync("JoinTrip", tripId);
        var (slow, refused) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, rider.DefaultRequestHeaders.Authorization!.Parameter!);
        _connections.Add(slow);
        Assert.Null(refused);
        await slow.InvokeAsync("JoinTrip", tripId);
        var heapBefore = await ServerHeap.AfterFullCollectionAsync(_server, _anonymous);

        // Paced so a client that reads keeps up, even in a test process a loaded CI machine starves at times; 10 MiB in
        // all, more than the kernel buffers of both sockets hold.
        const int Updates = 160;
        const int PaddingBytes = 64 * 1024;
        var padding = new string('x', PaddingBytes);
        var publisher = _redis.GetSubscriber();
        for (var i = 0; i < Updates; i++)
        {
            publisher.Publish(RedisChannel.Literal($"trip:{tripId}"), JsonSerializer.Serialize(new { tripId, lat = 12.9, lng = 77.5, timestamp = i, driverId = "d", padding }), CommandFlags.FireAndForget);
            await Task.Delay(40);
        }

        var readerGotAll = await Eventually.HoldsAsync(() => Task.FromResult(reader.Received.Count == Updates), TimeSpan.FromSeconds(30));

        // While the slow client still does not read: unbounded, the server would now hold every update for it. A message
        // waiting for a connection holds its frame and its parsed data (the padding as UTF-16): three times the padding.
        var heapAfter = await ServerHeap.AfterFullCollectionAsync(_server, _anonymous);
        const long HeldPerMessage = 3L * PaddingBytes;
        const long OneConnectionMayHold = ((MaxPendingMessages + 1) * HeldPerMessage) + (2 * TransportBufferBytes);
        const long OtherWork = 4 * 1024 * 1024;
        var (slowGot, closedByServer) = await slow.DrainAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"{Updates} updates of 64 KiB: the reader got {reader.Received.Count}, the slow client {slowGot} before it was dropped; server heap after a full collection {heapBefore / 1024} KiB → {heapAfter / 1024} KiB (bound: {(OneConnectionMayHold + OtherWork) / 1024} KiB more)");

        Assert.True(readerGotAll, $"the reading member got {reader.Received.Count} of {Updates}");
        Assert.True(heapAfter - heapBefore < OneConnectionMayHold + OtherWork, $"the server's heap grew by {(heapAfter - heapBefore) / 1024} KiB while a client did not read");
        Assert.True(closedByServer, "the server closed the connection of the client that stopped reading");
        Assert.True(slowGot < Updates, $"the slow client got {slowGot}");
        Assert.Equal(HubConnectionState.Connected, reader.Connection.State);
    }

    [Fact]
    public async Task Past_the_upgrade_cap_new_websockets_are_refused_with_503_and_the_held_connections_keep_working()
    {
        using var rider = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, "+919812349002");
        var token = rider.DefaultRequestHeaders.Authorization!.Parameter!;
        var held = new List<HubClient>();
        for (var i = 0; i < UpgradeCap; i++)
        {
            var hub = await HubClient.ConnectAsync(_server.BaseAddress, token, $"held {i}");
            _connections.Add(hub);
            held.Add(hub);
        }

        var (extra, refusal) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, token);
        _connections.Add(extra);
        var polling = await HubClient.ConnectAsync(_server.BaseAddress, token, "long polling: not an upgrade", HttpTransportType.LongPolling);
        _connections.Add(polling);
        var me = await rider.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/users/me", UriKind.Relative));
        await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal($"user:{me.GetProperty("id").GetString()}"), """{"title":"still here"}""");
        var allGotIt = await Eventually.HoldsAsync(() => Task.FromResult(held.All(h => h.Received.Count == 1) && polling.Received.Count == 1), TimeSpan.FromSeconds(5));
        using var live = await _anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.NotNull(refusal);
        Assert.True(extra.StatusCode == (int)HttpStatusCode.ServiceUnavailable, $"refused with {extra.StatusCode}");
        Assert.Equal("5", extra.ResponseHeaders!["Retry-After"].Single());
        Assert.True(allGotIt, "the held WebSockets and the long-polling client still receive");
        Assert.All(held, h => Assert.Equal(HubConnectionState.Connected, h.Connection.State));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.False(_server.HasExited);
    }

    [Fact]
    public async Task Lean_websockets_end_their_http_requests_yet_hold_their_place_under_the_upgrade_cap_until_they_close()
    {
        using var rider = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, "+919812349003");
        var token = rider.DefaultRequestHeaders.Authorization!.Parameter!;
        var requestsBefore = await ActiveGetRequestsAsync();
        var lean = new List<RawHubSocket>();
        for (var i = 0; i < UpgradeCap; i++)
        {
            var (socket, refused) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, token);
            _connections.Add(socket);
            Assert.Null(refused);
            lean.Add(socket);
        }

        var requestsWhileHeld = await ActiveGetRequestsAsync();
        var (extra, refusal) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, token);
        _connections.Add(extra);
        await lean[0].DisposeAsync();
        var replaced = await Eventually.HoldsAsync(async () =>
        {
            var (again, refused) = await RawHubSocket.TryConnectAsync(_server.BaseAddress, token);
            _connections.Add(again);
            return refused is null;
        }, TimeSpan.FromSeconds(5));
        var stillAnswering = await Assert.ThrowsAsync<InvalidOperationException>(() => lean[1].InvokeAsync("JoinTrip", "no-such-trip"));

        Assert.Equal(requestsBefore, requestsWhileHeld);
        Assert.NotNull(refusal);
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, extra.StatusCode);
        Assert.True(replaced, "a place under the cap came free when a lean socket closed");
        Assert.Contains("\"error\"", stillAnswering.Message, StringComparison.Ordinal);
    }

    private async Task<double> ActiveGetRequestsAsync()
    {
        var page = await _anonymous.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return page.Split('\n')
            .Where(line => line.StartsWith("http_server_active_requests{", StringComparison.Ordinal) && line.Contains("http_request_method=\"GET\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _anonymous.Dispose();
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
        _data.Dispose();
    }
}
