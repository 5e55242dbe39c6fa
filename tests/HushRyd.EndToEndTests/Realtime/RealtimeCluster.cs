using System.Net.Http.Headers;
using System.Text.Json;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>
/// Two server processes, as two nodes of the WebSocket cluster: one redis-server between them (Garnet where redis-server
/// is missing) and one data directory, so both know the same users, trips and signing key.
/// </summary>
public sealed class RealtimeCluster : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly List<HttpClient> _clients = [];
    private TestRedis _redis = null!;

    public ServerProcess A { get; private set; } = null!;

    public ServerProcess B { get; private set; } = null!;

    public IConnectionMultiplexer Redis => _redis.Multiplexer;

    public string DataDirectory => _data.Path;

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync(TestRedis.RedisServerPath is null ? RedisBackend.Garnet : RedisBackend.RedisServer);
        A = await StartNodeAsync();
        B = await StartNodeAsync();
    }

    /// <summary>Kills node B as a crash would and starts a new process in its place.</summary>
    public async Task ReplaceBAsync(Func<Task> whileDown)
    {
        ArgumentNullException.ThrowIfNull(whileDown);
        await B.KillAsync();
        await whileDown();
        await B.DisposeAsync();
        B = await StartNodeAsync();
    }

    private async Task<ServerProcess> StartNodeAsync()
    {
        var node = ServerProcess.Start(_data.Path, new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = _redis.ConnectionString,
            ["Realtime__SessionRecheckInterval"] = "00:00:00.250",
            ["Realtime__StatsInterval"] = "00:00:00.500",
        },
        // Both nodes share one data directory; the SOS module's workflow store belongs to one process, so it is left out.
        "--target",
        "gateway,trips,notifications,location,realtime");
        (await node.WaitUntilReadyAsync()).Dispose();
        return node;
    }

    /// <summary>Signs in through node A; the token works on both nodes.</summary>
    public async Task<(HttpClient Client, string Token)> SignInAsync(string phone)
    {
        var client = new HttpClient { BaseAddress = A.BaseAddress };
        _clients.Add(client);
        var token = await TestLogin.LoginAsync(client, _data.Path, phone);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    /// <summary>What the Location module publishes for each accepted position.</summary>
    public Task PublishLocationAsync(string tripId, double lat, double lng, long timestamp) =>
        Redis.GetSubscriber().PublishAsync(
            RedisChannel.Literal($"trip:{tripId}"),
            JsonSerializer.Serialize(new { tripId, lat, lng, speed = 40.0, heading = 90.0, timestamp, driverId = "usr_driver" }));

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await B.DisposeAsync();
        await A.DisposeAsync();
        await _redis.DisposeAsync();
        _data.Dispose();
    }
}
