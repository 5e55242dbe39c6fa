using System.Globalization;
using HushRyd.Platform.Redis;
using StackExchange.Redis;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// Takes several permits at once from the exact sliding log of <see cref="RedisSlidingWindowRateLimiter"/>, in one
/// atomic script on the same log, as one entry weighing the lease's permits. The entry is dated at the end of the lease,
/// the latest moment a permit can be used, so each stays counted for at least a full window after its use: the log
/// over-counts, never under-counts.
/// </summary>
public sealed class RedisPermitLeaser(IRedisConnection redis)
{
    // One entry carries the whole lease: its member ends in #permits (see SlidingLogScript).
    private static readonly LuaScript Script = SlidingLogScript.Prepare(
        """
        local permits = tonumber(@permits)
        local before = count
        if count + permits > tonumber(@cap) then
            if changed then store(0) end
            return { 0, before, 0 }
        end
        local dated = tonumber(@dated)
        redis.call('ZADD', @log, dated, @member)
        count = count + permits
        store(dated + window - now)
        local oldest = redis.call('ZRANGE', @log, 0, 0, 'WITHSCORES')
        return { 1, before, tonumber(oldest[2]) }
        """);

    /// <param name="cap">Most permits the log may count with the lease added.</param>
    /// <param name="datedMs">When the lease ends: its entry's score.</param>
    public async Task<PermitLeaseGrant> LeaseAsync(
        string bucket, string principal, int permits, long cap, long nowMs, long datedMs, long windowMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        var parameters = new
        {
            log = RateLimitKeys.Log(bucket, principal),
            counter = RateLimitKeys.Count(bucket, principal),
            now = nowMs,
            window = windowMs,
            permits,
            cap,
            dated = datedMs,
            member = string.Create(CultureInfo.InvariantCulture, $"{nowMs}-{Guid.NewGuid():N}#{permits}"),
        };

        var result = (RedisResult[])(await Script.EvaluateAsync(redis.Multiplexer.GetDatabase(), parameters).WaitAsync(cancellationToken))!;
        return new PermitLeaseGrant((long)result[0] == 1, (long)result[1], (long)result[2]);
    }
}
