using StackExchange.Redis;

namespace HushRyd.Notifications.Storage;

/// <summary>
/// Bull's job lifecycle as Lua scripts, each one atomic: a job id sits in exactly one of wait (scored by priority, then
/// order of arrival), delayed (scored by when it is due), active (scored by when its lease ends), completed or failed;
/// <c>:counts</c> keeps "status:priority" counters moved in the same script. Keys a script derives from the prefix
/// share the queue's hash tag, so they live in the slot of the keys it is given.
/// </summary>
internal static class RedisJobScripts
{
    /// <summary>Room for 2^44 jobs per priority before the next priority's scores begin; all below 2^53, exact in Lua.</summary>
    public const double PriorityStride = 17592186044416;

    // Moves due delayed jobs and jobs whose lease ended (their worker died) back to wait.
    private const string Requeue =
        """
        local function requeue(set, from, upTo)
            local ids = redis.call('ZRANGEBYSCORE', set, '-inf', upTo)
            for _, id in ipairs(ids) do
                local job = @prefix .. ':job:' .. id
                local p = redis.call('HGET', job, 'priority')
                local seq = redis.call('HGET', job, 'seq')
                if p then
                    redis.call('ZADD', @wait, tonumber(p) * 17592186044416 + tonumber(seq), id)
                    redis.call('HSET', job, 'status', 'waiting', 'updatedAt', @now)
                    redis.call('HINCRBY', @counts, from .. ':' .. p, -1)
                    redis.call('HINCRBY', @counts, 'waiting:' .. p, 1)
                end
            end
            if #ids > 0 then redis.call('ZREMRANGEBYSCORE', set, '-inf', upTo) end
            return #ids
        end

        """;

    public static readonly LuaScript Add = LuaScript.Prepare(
        """
        if @dedupe ~= '' then
            local existing = redis.call('GET', @prefix .. ':dedupe:' .. @dedupe)
            if existing then return existing end
        end
        local job = @prefix .. ':job:' .. @id
        if redis.call('EXISTS', job) == 1 then return @id end
        local seq = redis.call('INCR', @seq)
        redis.call('HSET', job, 'id', @id, 'priority', @priority, 'status', 'waiting', 'to', @to, 'body', @body, 'subject', @subject,
            'attempts', 0, 'max', @max, 'dedupe', @dedupe, 'createdAt', @now, 'updatedAt', @now, 'runAt', @now, 'seq', seq)
        redis.call('ZADD', @wait, tonumber(@priority) * 17592186044416 + seq, @id)
        redis.call('HINCRBY', @counts, 'waiting:' .. @priority, 1)
        if @dedupe ~= '' then redis.call('SET', @prefix .. ':dedupe:' .. @dedupe, @id, 'PX', @retention) end
        return @id
        """);

    public static readonly LuaScript Claim = LuaScript.Prepare(Requeue +
        """
        requeue(@delayed, 'delayed', @now)
        requeue(@active, 'active', @now)
        local slots = tonumber(@slots)
        local ids = redis.call('ZRANGEBYSCORE', @wait, 0, 17592186044415, 'LIMIT', 0, slots)
        local rest = math.min(slots - #ids, tonumber(@nonCritical))
        if rest > 0 then
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', @wait, 17592186044416, '+inf', 'LIMIT', 0, rest)) do
                table.insert(ids, id)
            end
        end
        for _, id in ipairs(ids) do
            local job = @prefix .. ':job:' .. id
            local p = redis.call('HGET', job, 'priority')
            redis.call('ZREM', @wait, id)
            redis.call('ZADD', @active, tonumber(@now) + tonumber(@lease), id)
            redis.call('HSET', job, 'status', 'active', 'updatedAt', @now)
            redis.call('HINCRBY', @counts, 'waiting:' .. p, -1)
            redis.call('HINCRBY', @counts, 'active:' .. p, 1)
        end
        return ids
        """);

    public static readonly LuaScript RequeueStalled = LuaScript.Prepare(Requeue + "return requeue(@active, 'active', @now)");

    /// <summary>Records an attempt's outcome; does nothing (returns 0) when the job is no longer active here.</summary>
    public static readonly LuaScript Finish = LuaScript.Prepare(
        """
        if redis.call('ZREM', @active, @id) == 0 then return 0 end
        local job = @prefix .. ':job:' .. @id
        local p = redis.call('HGET', job, 'priority')
        redis.call('HINCRBY', @counts, 'active:' .. p, -1)
        redis.call('HINCRBY', @counts, @status .. ':' .. p, 1)
        redis.call('HINCRBY', job, 'attempts', 1)
        redis.call('HSET', job, 'status', @status, 'updatedAt', @now, 'runAt', @runAt, 'finishedAt', @finishedAt, 'providerMessageId', @messageId)
        if @reason ~= '' then redis.call('HSET', job, 'lastError', @reason) end
        if @provider ~= '' then redis.call('HSET', job, 'provider', @provider) end
        if @status == 'completed' then
            redis.call('ZADD', @completed, @now, @id)
            redis.call('ZREMRANGEBYSCORE', @completed, '-inf', tonumber(@now) - tonumber(@retention))
            redis.call('PEXPIRE', job, @retention)
        elseif @status == 'failed' then
            redis.call('ZADD', @failed, @now, @id)
        else
            redis.call('ZADD', @delayed, @runAt, @id)
        end
        return 1
        """);

    public static readonly LuaScript RetryFailed = LuaScript.Prepare(
        """
        if redis.call('ZREM', @failed, @id) == 0 then return 0 end
        local job = @prefix .. ':job:' .. @id
        local p = redis.call('HGET', job, 'priority')
        local seq = redis.call('INCR', @seq)
        redis.call('HSET', job, 'status', 'waiting', 'attempts', 0, 'runAt', @now, 'updatedAt', @now, 'finishedAt', '', 'seq', seq)
        redis.call('ZADD', @wait, tonumber(p) * 17592186044416 + seq, @id)
        redis.call('HINCRBY', @counts, 'failed:' .. p, -1)
        redis.call('HINCRBY', @counts, 'waiting:' .. p, 1)
        return 1
        """);
}
