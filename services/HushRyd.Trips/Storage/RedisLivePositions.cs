using System.Globalization;
using HushRyd.Platform.Redis;
using HushRyd.Trips.Sharing;
using StackExchange.Redis;

namespace HushRyd.Trips.Storage;

public sealed class RedisLivePositions(IRedisConnection redis) : ILivePositions
{
    private static readonly RedisValue[] Fields = [LocationKeys.Lat, LocationKeys.Lng, LocationKeys.Speed, LocationKeys.Timestamp];

    public async Task<LivePosition?> FindAsync(string tripId, CancellationToken cancellationToken)
    {
        var values = await redis.Multiplexer.GetDatabase().HashGetAsync(LocationKeys.Trip(tripId), Fields).WaitAsync(cancellationToken);
        if (!TryNumber(values[0], out var lat) || !TryNumber(values[1], out var lng) || !long.TryParse((string?)values[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp)
            || lat is < -90 or > 90 || lng is < -180 or > 180)
        {
            return null;
        }

        return new LivePosition(lat, lng, TryNumber(values[2], out var speed) ? speed : null, timestamp);
    }

    private static bool TryNumber(RedisValue value, out double number) =>
        double.TryParse((string?)value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
