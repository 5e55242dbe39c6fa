using HushRyd.IntegrationTests.RateLimiting;
using HushRyd.Location;
using HushRyd.Location.Positions;
using HushRyd.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Location;

/// <summary>The location module's Redis parts over a real server, each "instance" with a multiplexer of its own.</summary>
internal static class LocationRedis
{
    public static IOptions<LocationOptions> Options(LocationOptions? options = null) => Microsoft.Extensions.Options.Options.Create(options ?? new LocationOptions());

    public static async Task<(RedisPositions Positions, IConnectionMultiplexer Multiplexer)> InstanceAsync(TestRedis redis)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return (new RedisPositions(new SwitchableRedisConnection(multiplexer), Options()), multiplexer);
    }

    public static string FreshTrip() => "trp_" + Guid.NewGuid().ToString("N");

    public static PositionUpdate Update(string tripId, long timestamp, double lat = 12.97, double lng = 77.59, double? speed = 30) =>
        new(tripId, "usr_driver", lat, lng, speed, 90, timestamp);
}
