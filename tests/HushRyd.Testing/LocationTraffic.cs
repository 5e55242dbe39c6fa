using StackExchange.Redis;

namespace HushRyd.Testing;

/// <summary>Redis traffic shaped like the location service's updates, for soak tests and benchmarks.</summary>
public static class LocationTraffic
{
    /// <summary>
    /// One pipelined update per trip: the position hash (the seed's six fields, <c>timestamp</c> = <paramref name="round"/>),
    /// the driver's GEO entry and the channel message.
    /// </summary>
    public static async Task WriteRoundAsync(IDatabase db, int trips, int round)
    {
        ArgumentNullException.ThrowIfNull(db);
        var batch = db.CreateBatch();
        var writes = Enumerable.Range(0, trips).SelectMany(i => new Task[]
        {
            batch.HashSetAsync($"location:trip_{i}", [new("lat", 12.9 + (i * 1e-5)), new("lng", 77.5 + (round * 1e-6)), new("speed", 31.5), new("heading", 270), new("timestamp", round), new("driverId", $"driver_{i}")]),
            batch.GeoAddAsync("active-drivers", 77.5 + (round * 1e-6), 12.9 + (i * 1e-5), $"driver_{i}"),
            batch.PublishAsync(RedisChannel.Literal($"trip:trip_{i}"), round),
        }).ToArray();
        batch.Execute();
        await Task.WhenAll(writes);
    }

    /// <summary>How many of the trips do not read <paramref name="round"/> as their last position.</summary>
    public static async Task<int> CountNotAtRoundAsync(IDatabase db, int trips, int round)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = await Task.WhenAll(Enumerable.Range(0, trips).Select(i => db.HashGetAsync($"location:trip_{i}", "timestamp")));
        return last.Count(value => value != round);
    }
}
