using System.Collections.Concurrent;
using System.Text.Json;
using HushRyd.IntegrationTests.RateLimiting;
using HushRyd.Location;
using HushRyd.Location.Positions;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Redis;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Location;

public sealed class RedisPositionsTests(RedisServers servers) : IClassFixture<RedisServers>
{
    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_newer_fix_replaces_the_stored_one_and_an_older_one_never_does(RedisBackend backend)
    {
        var (positions, multiplexer) = await LocationRedis.InstanceAsync(await servers.GetAsync(backend));
        using var _ = multiplexer;
        var trip = LocationRedis.FreshTrip();

        var first = await positions.WriteAsync(LocationRedis.Update(trip, 2_000, lat: 12.1));
        var older = await positions.WriteAsync(LocationRedis.Update(trip, 1_000, lat: 12.2));
        var newer = await positions.WriteAsync(LocationRedis.Update(trip, 3_000, lat: 12.3, speed: null));

        Assert.Equal([WriteOutcome.Stored, WriteOutcome.Superseded, WriteOutcome.Stored], [first, older, newer]);
        var stored = await positions.ReadAsync(trip);
        Assert.Equal(LocationRedis.Update(trip, 3_000, lat: 12.3, speed: null), stored);
        var hash = await multiplexer.GetDatabase().HashGetAllAsync(LocationKeys.Trip(trip));
        Assert.Equal(
            ["driverId", "heading", "lat", "lng", "speed", "timestamp"],
            hash.Select(e => (string)e.Name!).Order(StringComparer.Ordinal));
        Assert.InRange((await multiplexer.GetDatabase().KeyTimeToLiveAsync(LocationKeys.Trip(trip)))!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Each_stored_fix_is_published_on_the_trip_channel_and_a_superseded_one_is_not(RedisBackend backend)
    {
        var (positions, multiplexer) = await LocationRedis.InstanceAsync(await servers.GetAsync(backend));
        using var _ = multiplexer;
        var trip = LocationRedis.FreshTrip();
        var received = new ConcurrentQueue<TripLocationMessage>();
        var subscriber = multiplexer.GetSubscriber();
        // A queue, not a handler: handlers may run concurrently and see messages out of order.
        var queue = await subscriber.SubscribeAsync(RedisChannel.Literal(RealtimeChannels.Trip(trip)));
        queue.OnMessage(message => received.Enqueue(JsonSerializer.Deserialize<TripLocationMessage>((byte[])message.Message!, LocationJson.Options)!));

        await positions.WriteAsync(LocationRedis.Update(trip, 5_000));
        await positions.WriteAsync(LocationRedis.Update(trip, 4_000));
        await positions.WriteAsync([LocationRedis.Update(trip, 6_000), LocationRedis.Update(trip, 5_500)]);

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(received.Count >= 2), TimeSpan.FromSeconds(5)));
        await Task.Delay(200);
        Assert.Equal([5_000L, 6_000L], received.Select(m => m.Timestamp));
        Assert.All(received, m => Assert.Equal((trip, "usr_driver", 12.97, 77.59, 30.0, 90.0), (m.TripId, m.DriverId, m.Lat, m.Lng, m.Speed!.Value, m.Heading!.Value)));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_pipelined_batch_keeps_the_newest_fix_of_each_trip_whatever_their_order(RedisBackend backend)
    {
        var (positions, multiplexer) = await LocationRedis.InstanceAsync(await servers.GetAsync(backend));
        using var _ = multiplexer;
        var (a, b) = (LocationRedis.FreshTrip(), LocationRedis.FreshTrip());

        var outcomes = await positions.WriteAsync(
            [LocationRedis.Update(a, 30), LocationRedis.Update(b, 10), LocationRedis.Update(a, 20), LocationRedis.Update(b, 40), LocationRedis.Update(a, 31)]);

        Assert.Equal([WriteOutcome.Stored, WriteOutcome.Stored, WriteOutcome.Superseded, WriteOutcome.Stored, WriteOutcome.Stored], outcomes);
        Assert.Equal(31, (await positions.ReadAsync(a))!.Timestamp);
        Assert.Equal(40, (await positions.ReadAsync(b))!.Timestamp);
    }
}
