using HushRyd.Platform.Hosting;
using HushRyd.Platform.Redis;
using HushRyd.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Redis;

public class RedisConnectionTests
{
    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task The_external_connection_serves_the_seed_structures_hash_geo_lua_and_pubsub(RedisBackend backend)
    {
        await using var server = await TestRedis.StartAsync(backend);
        await using var redis = new ExternalRedisConnection(Options.Create(new RedisOptions { ConnectionString = server.ConnectionString }));
        await redis.StartAsync(CancellationToken.None);
        var db = redis.Multiplexer.GetDatabase();

        await db.HashSetAsync("location:trip_1", [new("lat", "28.6139"), new("lng", "77.2090"), new("driverId", "driver_123")]);
        await db.GeoAddAsync("active-drivers", 77.2090, 28.6139, "driver_123");
        var nearby = await db.GeoSearchAsync("active-drivers", 77.2100, 28.6140, new GeoSearchCircle(5, GeoUnit.Kilometers));
        var incremented = (long)(await db.ScriptEvaluateAsync("return redis.call('INCRBY', KEYS[1], ARGV[1])", ["counter"], [5]))!;
        var received = new TaskCompletionSource<string>();
        var channel = RedisChannel.Literal("trip:trip_1");
        await redis.Multiplexer.GetSubscriber().SubscribeAsync(channel, (_, message) => received.TrySetResult(message!));
        await redis.Multiplexer.GetSubscriber().PublishAsync(channel, "moved");

        Assert.Equal("77.2090", await db.HashGetAsync("location:trip_1", "lng"));
        Assert.Equal("driver_123", Assert.Single(nearby).Member);
        Assert.Equal(5, incremented);
        Assert.Equal("moved", await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("127.0.0.1", redis.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_redis_stops_start_up_with_one_line_naming_the_address()
    {
        var port = FreePort.Next();
        await using var redis = new ExternalRedisConnection(Options.Create(new RedisOptions { ConnectionString = $"127.0.0.1:{port},connectTimeout=500" }));

        var error = await Assert.ThrowsAsync<StartupException>(() => redis.StartAsync(CancellationToken.None));

        Assert.Contains($"cannot reach Redis at 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_embedded_garnet_size_it_cannot_read_stops_start_up_naming_the_setting()
    {
        using var directory = new TempDirectory();

        var error = await Assert.ThrowsAsync<StartupException>(() => TestRedis.StartGarnetOnAsync(directory.Path, new RedisOptions { EmbeddedAofSizeLimit = "lots" }));

        Assert.Equal("Redis:EmbeddedAofSizeLimit is 'lots'; use a size such as 32m or 1g.", error.Message);
    }

    [Fact]
    public async Task Embedded_garnet_replays_its_append_only_file_after_a_restart()
    {
        using var directory = new TempDirectory();
        var (first, _) = await TestRedis.StartGarnetOnAsync(directory.Path);
        await using (first)
        {
            var db = first.Multiplexer.GetDatabase();
            await db.HashSetAsync("sos:tracking:a1", [new("status", "active"), new("tripId", "trip_9")]);
            await db.GeoAddAsync("active-drivers", 72.8777, 19.0760, "driver_mumbai");
        }

        var (second, _) = await TestRedis.StartGarnetOnAsync(directory.Path);
        await using (second)
        {
            var db = second.Multiplexer.GetDatabase();
            Assert.Equal("active", await db.HashGetAsync("sos:tracking:a1", "status"));
            Assert.NotNull((await db.GeoPositionAsync("active-drivers", "driver_mumbai")));
        }
    }
}
