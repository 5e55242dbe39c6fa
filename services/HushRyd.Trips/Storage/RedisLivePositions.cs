using HushRyd.Platform.Redis;
using HushRyd.Trips.Sharing;

namespace HushRyd.Trips.Storage;

/// <summary>Reads the hash the Location module keeps, through its one reader.</summary>
public sealed class RedisLivePositions(IRedisConnection redis) : ILivePositions
{
    public async Task<LivePosition?> FindAsync(string tripId, CancellationToken cancellationToken) =>
        await LocationHash.ReadAsync(redis.Multiplexer.GetDatabase(), tripId).WaitAsync(cancellationToken) is { } stored
            ? new LivePosition(stored.Lat, stored.Lng, stored.Speed, stored.Timestamp)
            : null;
}
