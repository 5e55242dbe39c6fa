namespace HushRyd.Location.Positions;

/// <summary>
/// Whether this instance has found Redis unreachable. While it has, positions go straight to the durable buffer instead
/// of waiting on a dead connection; the replayer ends the outage once Redis answers again.
/// </summary>
public sealed class RedisOutage
{
    private volatile bool _active;

    public bool IsActive => _active;

    public void Begin() => _active = true;

    public void End() => _active = false;

    public static bool IsOutage(Exception exception) =>
        exception is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException or TimeoutException;
}
