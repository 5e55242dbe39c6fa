using System.Globalization;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// An exact sliding-window log per bucket and principal (<see cref="SlidingLogScript"/>), read and written by one Lua script, so
/// every gateway instance draws on the same budget and concurrent requests cannot both take the last slot.
/// </summary>
public sealed class RedisSlidingWindowRateLimiter(IRedisConnection redis, IOptions<RateLimitOptions> options, TimeProvider timeProvider) : IRateLimiter
{
    // When refused, the entry whose departure brings the count under the limit says when to retry: the first whose
    // weight, with those before it, covers the excess (the oldest unless the limit shrank, e.g. a premium user was
    // downgraded). Every entry weighs at least one, so it is among the first count - limit + 1.
    private static readonly LuaScript Script = SlidingLogScript.Prepare(
        """
        local limit = tonumber(@limit)
        local allowed = 0
        if count < limit then
            redis.call('ZADD', @log, now, @member)
            count = count + 1
            allowed = 1
            store(window)
        elseif changed then
            store(0)
        end
        local freeing = now
        if allowed == 1 then
            freeing = redis.call('ZRANGE', @log, 0, 0, 'WITHSCORES')[2]
        else
            local excess = count - limit + 1
            local entries = redis.call('ZRANGE', @log, 0, excess - 1, 'WITHSCORES')
            local leaving = 0
            for i = 1, #entries, 2 do
                leaving = leaving + weight(entries[i])
                freeing = entries[i + 1]
                if leaving >= excess then break end
            end
        end
        return { allowed, count, tonumber(freeing) }
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
            log = RateLimitKeys.Log(bucket, principal),
            counter = RateLimitKeys.Count(bucket, principal),
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
