using StackExchange.Redis;

namespace HushRyd.Platform.Redis;

/// <summary>The hot-state store of the seed (locations, sessions, rate limits, SOS tracking).</summary>
public interface IRedisConnection
{
    /// <summary>Where the connection points, for logs and error messages; never contains a password.</summary>
    string Description { get; }

    IConnectionMultiplexer Multiplexer { get; }
}
