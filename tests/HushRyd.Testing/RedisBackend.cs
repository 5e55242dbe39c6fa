namespace HushRyd.Testing;

/// <summary>Redis-backed tests run on embedded Garnet always, and on redis-server where it is on PATH.</summary>
public enum RedisBackend
{
    Garnet,
    RedisServer,
}
