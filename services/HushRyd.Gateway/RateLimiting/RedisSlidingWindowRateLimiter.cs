using System.Globalization;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// An exact sliding-window log in one sorted set per bucket and principal, read and written by one Lua script, so
/// every gateway instance draws on the same budget and concurrent requests cannot both take the last slot.
/// </summary>
public sealed class RedisSlidingWindowRateLimiter(IRedisConnection redis, IOptions<RateLimitOptions> options, TimeProvider timeProvider) : IRateLimiter
{
    // Entries at or before now - window have left it. When refused, the entry whose departure brings the count
    // under the limit says when to retry (index 0 unless the limit shrank, e.g. a premium user was downgraded).
    // Only sorted-set commands, PTTL and PEXPIRE: Garnet runs these in Lua as Redis does, and it has no Streams.
    // The TTL is never shortened: leased permits (RedisPermitLeaser) are dated up to a lease lifetime ahead and
    // must stay counted until they leave the window.
    private static readonly LuaScript Script = LuaScript.Prepare(
        """
        local now = tonumber(@now)
        local window = tonumber(@window)
        local limit = tonumber(@limit)
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', now - window)
        local count = redis.call('ZCARD', @key)
        local allowed = 0
        if count < limit then
            redis.call('ZADD', @key, now, @member)
            if redis.call('PTTL', @key) < window then redis.call('PEXPIRE', @key, window) end
            count = count + 1
            allowed = 1
        end
        local index = 0
        if allowed == 0 then index = count - limit end
        local entry = redis.call('ZRANGE', @key, index, index, 'WITHSCORES')
        return { allowed, count, tonumber(entry[2]) }
        """);

    private readonly long _windowMs = (long)options.Value.Window.TotalMilliseconds;

    public async Task<RateLimitDecision> AcquireAsync(string bucket, string principal, int limit, CancellationToken cancellationToken)
    {
        SlidingWindow.ThrowIfInvalid(bucket, principal, limit);

        // Now comes from this instance's TimeProvider rather than Redis TIME: tests can then move time exactly, and
        // gateway hosts are NTP-synchronised, so the skew between instances (milliseconds) is noise against a one-minute window.
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var parameters = new
        {
            key = (RedisKey)$"ratelimit:{bucket}:{principal}",
            now,
            window = _windowMs,
            limit,
            member = $"{now.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}",
        };

        // StackExchange.Redis takes no token; WaitAsync lets the caller's timeout stop waiting for a Redis that hangs.
        var result = (RedisResult[])(await Script.EvaluateAsync(redis.Multiplexer.GetDatabase(), parameters).WaitAsync(cancellationToken))!;
        var allowed = (long)result[0] == 1;
        var count = (long)result[1];
        var enteredAt = (long)result[2];
        return SlidingWindow.Decide(allowed, limit, count, enteredAt + _windowMs, now);
    }
}
