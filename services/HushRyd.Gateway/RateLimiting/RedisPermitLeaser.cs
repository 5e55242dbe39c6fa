using System.Globalization;
using HushRyd.Platform.Redis;
using StackExchange.Redis;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// Takes several permits at once from the exact sliding log of <see cref="RedisSlidingWindowRateLimiter"/>, in one
/// atomic script on the same sorted set. Every permit is dated at the end of the lease, the latest moment it can be
/// used, so it stays counted for at least a full window after its use: the log over-counts, never under-counts.
/// </summary>
public sealed class RedisPermitLeaser(IRedisConnection redis)
{
    // `unpack` is Lua 5.1's (Redis), `table.unpack` Lua 5.4's (Garnet). The TTL is only ever lengthened, as in the exact script.
    private static readonly LuaScript Script = LuaScript.Prepare(
        """
        local now = tonumber(@now)
        local window = tonumber(@window)
        local permits = tonumber(@permits)
        local dated = tonumber(@dated)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        local count = redis.call('ZCARD', @key)
        if count + permits > tonumber(@cap) then
            return { 0, count, 0 }
        end
        local entries = {}
        for i = 1, permits do
            entries[2 * i - 1] = dated
            entries[2 * i] = @member .. ':' .. i
        end
        local spread = unpack or table.unpack
        redis.call('ZADD', @key, spread(entries))
        local ttl = dated + window - now
        if redis.call('PTTL', @key) < ttl then redis.call('PEXPIRE', @key, ttl) end
        local oldest = redis.call('ZRANGE', @key, 0, 0, 'WITHSCORES')
        return { 1, count, tonumber(oldest[2]) }
        """);

    /// <param name="cap">Most entries the log may hold with the lease added.</param>
    /// <param name="datedMs">When the lease ends: its permits' score.</param>
    public async Task<PermitLeaseGrant> LeaseAsync(
        string bucket, string principal, int permits, long cap, long nowMs, long datedMs, long windowMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        var parameters = new
        {
            key = (RedisKey)$"ratelimit:{bucket}:{principal}",
            now = nowMs,
            window = windowMs,
            permits,
            cap,
            dated = datedMs,
            member = $"{nowMs.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}",
        };

        var result = (RedisResult[])(await Script.EvaluateAsync(redis.Multiplexer.GetDatabase(), parameters).WaitAsync(cancellationToken))!;
        return new PermitLeaseGrant((long)result[0] == 1, (long)result[1], (long)result[2]);
    }
}
