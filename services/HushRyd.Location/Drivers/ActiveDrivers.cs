using HushRyd.Platform.Geo;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Location.Drivers;

/// <summary>
/// The seed's <c>active-drivers</c> GEO set, with <c>active-drivers:seen</c> beside it holding when each driver last
/// reported. The two keys are written in one pipeline, not one script, so they may sit in different Cluster slots
/// under the seed's key name; readers trust a driver only while both agree that it is fresh.
/// </summary>
public sealed class ActiveDrivers(IRedisConnection redis, IOptions<LocationOptions> options, TimeProvider time)
{
    // Only removes entries still at or before the cutoff, so a driver who reported meanwhile is kept.
    private static readonly LuaScript TakeStale = LuaScript.Prepare(
        """
        local stale = redis.call('ZRANGEBYSCORE', @seen, '-inf', @cutoff, 'LIMIT', 0, tonumber(@limit))
        if #stale > 0 then redis.call('ZREM', @seen, unpack(stale)) end
        return stale
        """);

    private IDatabase Database => redis.Multiplexer.GetDatabase();

    public async Task SetOnlineAsync(string driverId, double lat, double lng)
    {
        var batch = Database.CreateBatch();
        var located = batch.GeoAddAsync(LocationKeys.ActiveDrivers, lng, lat, driverId);
        var seen = batch.SortedSetAddAsync(LocationKeys.ActiveDriversSeen, driverId, time.GetUtcNow().ToUnixTimeMilliseconds());
        batch.Execute();
        await Task.WhenAll(located, seen);
    }

    public async Task SetOfflineAsync(string driverId)
    {
        var batch = Database.CreateBatch();
        var located = batch.SortedSetRemoveAsync(LocationKeys.ActiveDrivers, driverId);
        var seen = batch.SortedSetRemoveAsync(LocationKeys.ActiveDriversSeen, driverId);
        batch.Execute();
        await Task.WhenAll(located, seen);
    }

    /// <summary>Fresh drivers within the radius, nearest first.</summary>
    public async Task<IReadOnlyList<NearbyDriver>> NearbyAsync(double lat, double lng, double radiusKm, int limit)
    {
        var database = Database;

        // Ask for a few more than needed: stale drivers not yet swept are filtered out below. Distances are computed
        // here from the coordinates: Garnet answers WITHDIST of 0 in a form StackExchange.Redis cannot parse.
        var found = await database.GeoSearchAsync(
            LocationKeys.ActiveDrivers, lng, lat, new GeoSearchCircle(radiusKm, GeoUnit.Kilometers), (limit * 2) + 8,
            demandClosest: true, Order.Ascending, GeoRadiusOptions.WithCoordinates);
        if (found.Length == 0)
        {
            return [];
        }

        var batch = database.CreateBatch();
        var seen = found.Select(f => batch.SortedSetScoreAsync(LocationKeys.ActiveDriversSeen, f.Member)).ToArray();
        batch.Execute();
        await Task.WhenAll(seen);
        var freshSince = FreshSince();
        var drivers = new List<NearbyDriver>(Math.Min(limit, found.Length));
        for (var i = 0; i < found.Length && drivers.Count < limit; i++)
        {
            if (seen[i].Result is { } at && at >= freshSince && found[i].Position is { } position)
            {
                drivers.Add(new NearbyDriver(
                    found[i].Member!,
                    position.Latitude,
                    position.Longitude,
                    GeoDistance.Kilometres(lat, lng, position.Latitude, position.Longitude),
                    DateTimeOffset.FromUnixTimeMilliseconds((long)at)));
            }
        }

        return drivers;
    }

    /// <summary>Removes up to <paramref name="limit"/> drivers silent for longer than allowed; returns how many.</summary>
    public async Task<int> SweepAsync(int limit)
    {
        var database = Database;
        var stale = (RedisValue[]?)await database.ScriptEvaluateAsync(
            TakeStale, new { seen = (RedisKey)LocationKeys.ActiveDriversSeen, cutoff = FreshSince() - 1, limit });
        if (stale is null || stale.Length == 0)
        {
            return 0;
        }

        await database.SortedSetRemoveAsync(LocationKeys.ActiveDrivers, stale);
        return stale.Length;
    }

    private long FreshSince() => (time.GetUtcNow() - options.Value.DriverStaleAfter).ToUnixTimeMilliseconds();
}
