using HushRyd.IntegrationTests.RateLimiting;
using HushRyd.Location;
using HushRyd.Location.Drivers;
using HushRyd.Platform.Redis;
using HushRyd.Testing;
using HushRyd.Platform.Geo;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Location;

public sealed class ActiveDriversTests : IAsyncLifetime
{
    private const double Lat = 12.9716;
    private const double Lng = 77.5946;

    // One GEO set is shared by the whole module, so each test starts from an empty one on its own server.
    private readonly List<IAsyncDisposable> _owned = [];

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Nearby_drivers_come_nearest_first_within_the_radius_at_their_haversine_distance(RedisBackend backend)
    {
        var (drivers, _) = await FreshAsync(backend, new ManualTimeProvider(DateTimeOffset.UtcNow));
        (string Id, double Lat, double Lng)[] placed =
        [
            ("far", 13.0500, 77.5946),      // ~8.7 km north: outside 5 km
            ("near", 12.9750, 77.5950),     // ~0.38 km
            ("mid", 12.9716, 77.6300),      // ~3.8 km east
            ("closest", 12.9720, 77.5946),  // ~0.04 km
            ("edge", 12.9716 - 0.0440, 77.5946), // ~4.9 km south
        ];
        foreach (var (id, lat, lng) in placed)
        {
            await drivers.SetOnlineAsync(id, lat, lng);
        }

        var nearby = await drivers.NearbyAsync(Lat, Lng, radiusKm: 5, limit: 10);
        var limited = await drivers.NearbyAsync(Lat, Lng, radiusKm: 5, limit: 2);

        Assert.Equal(["closest", "near", "mid", "edge"], nearby.Select(d => d.DriverId));
        foreach (var driver in nearby)
        {
            var (_, lat, lng) = placed.Single(p => p.Id == driver.DriverId);
            Assert.Equal(GeoDistance.Kilometres(Lat, Lng, lat, lng), driver.DistanceKm, 0.01);
            Assert.Equal(lat, driver.Lat, 0.0001);
            Assert.Equal(lng, driver.Lng, 0.0001);
        }

        Assert.Equal(["closest", "near"], limited.Select(d => d.DriverId));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_driver_silent_past_the_limit_drops_out_of_nearby_and_is_swept_while_one_who_reported_stays(RedisBackend backend)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var (drivers, database) = await FreshAsync(backend, clock);
        await drivers.SetOnlineAsync("silent", Lat, Lng);
        await drivers.SetOnlineAsync("talkative", Lat + 0.001, Lng);

        clock.Advance(TimeSpan.FromSeconds(45));
        await drivers.SetOnlineAsync("talkative", Lat + 0.001, Lng);
        clock.Advance(TimeSpan.FromSeconds(16));
        var beforeSweep = await drivers.NearbyAsync(Lat, Lng, 5, 10);
        var swept = await drivers.SweepAsync(100);

        Assert.Equal(["talkative"], beforeSweep.Select(d => d.DriverId));
        Assert.Equal(1, swept);
        Assert.Null(await database.GeoPositionAsync(LocationKeys.ActiveDrivers, "silent"));
        Assert.NotNull(await database.GeoPositionAsync(LocationKeys.ActiveDrivers, "talkative"));
        Assert.Equal(0, await drivers.SweepAsync(100));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_driver_going_offline_leaves_both_sets_at_once(RedisBackend backend)
    {
        var (drivers, database) = await FreshAsync(backend, new ManualTimeProvider(DateTimeOffset.UtcNow));
        await drivers.SetOnlineAsync("usr_d1", Lat, Lng);

        await drivers.SetOfflineAsync("usr_d1");

        Assert.Empty(await drivers.NearbyAsync(Lat, Lng, 5, 10));
        Assert.Null(await database.SortedSetScoreAsync(LocationKeys.ActiveDriversSeen, "usr_d1"));
        Assert.Null(await database.GeoPositionAsync(LocationKeys.ActiveDrivers, "usr_d1"));
    }

    private async Task<(ActiveDrivers Drivers, IDatabase Database)> FreshAsync(RedisBackend backend, TimeProvider clock)
    {
        var redis = await TestRedis.StartAsync(backend);
        _owned.Add(redis);
        return (new ActiveDrivers(new SwitchableRedisConnection(redis.Multiplexer), LocationRedis.Options(), clock), redis.Multiplexer.GetDatabase());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
