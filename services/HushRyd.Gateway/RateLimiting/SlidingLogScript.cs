using StackExchange.Redis;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// The part both sliding-log scripts share (<see cref="RedisSlidingWindowRateLimiter"/>, <see cref="RedisPermitLeaser"/>).
/// An entry is one request, or a whole lease whose member ends in <c>#permits</c>, so a busy principal's log holds a
/// few entries per lease instead of one per request; the count beside it is the sum of their weights.
/// </summary>
internal static class SlidingLogScript
{
    // Entries scored at or before now - window have left it; their weight leaves the count. If the count is missing
    // (first use, or it expired a moment before the log) it is summed from what the log holds. `store` writes it back
    // with the log's TTL, lengthening that TTL to `ttl` if shorter, never shortening it: leased entries are dated up to a
    // lease lifetime ahead and must stay counted until they leave the window. Only sorted-set and string commands,
    // PTTL and PEXPIRE: Garnet runs these in Lua as Redis does, and it has no Streams.
    private const string Prelude =
        """
        local now = tonumber(@now)
        local window = tonumber(@window)
        local function weight(member)
            local permits = string.match(member, '#(%d+)$')
            if permits then return tonumber(permits) end
            return 1
        end
        local function weigh(members)
            local total = 0
            for _, member in ipairs(members) do total = total + weight(member) end
            return total
        end
        local expired = redis.call('ZRANGEBYSCORE', @log, '-inf', now - window)
        if #expired > 0 then redis.call('ZREMRANGEBYSCORE', @log, '-inf', now - window) end
        local count = 0
        local changed = #expired > 0
        if redis.call('ZCARD', @log) > 0 then
            local stored = redis.call('GET', @counter)
            if stored then
                count = tonumber(stored) - weigh(expired)
            else
                count = weigh(redis.call('ZRANGE', @log, 0, -1))
                changed = true
            end
        end
        local function store(ttl)
            local left = redis.call('PTTL', @log)
            if left == -2 then
                redis.call('DEL', @counter)
                return
            end
            if left < ttl or left == -1 then
                left = math.max(ttl, window)
                redis.call('PEXPIRE', @log, left)
            end
            redis.call('SET', @counter, count, 'PX', left)
        end

        """;

    public static LuaScript Prepare(string body) => LuaScript.Prepare(Prelude + body);
}
