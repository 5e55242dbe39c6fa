using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// The same exact sliding log as <see cref="RedisSlidingWindowRateLimiter"/>, in this instance's memory: what answers
/// while Redis is unreachable. Each instance then enforces the whole budget on its own, so the cluster is more lenient
/// for that time, never stricter.
/// </summary>
public sealed class LocalSlidingWindowRateLimiter(IOptions<RateLimitOptions> options, TimeProvider timeProvider) : IRateLimiter
{
    private readonly ConcurrentDictionary<(string Bucket, string Principal), SlidingLog> _logs = new();
    private readonly long _windowMs = (long)options.Value.Window.TotalMilliseconds;
    private readonly int _maxPartitions = options.Value.LocalFallback.MaxPartitions;
    private int _count;
    private long _nextSweepMs;
    private int _sweeping;

    public int PartitionCount => Volatile.Read(ref _count);

    public Task<RateLimitDecision> AcquireAsync(string bucket, string principal, int limit, CancellationToken cancellationToken)
    {
        SlidingWindow.ThrowIfInvalid(bucket, principal, limit);
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        SweepIfDue(now);
        while (true)
        {
            if (LogFor((bucket, principal)).TryAcquire(now, _windowMs, limit) is { } decision)
            {
                return Task.FromResult(decision);
            }
        }
    }

    private SlidingLog LogFor((string Bucket, string Principal) key)
    {
        while (true)
        {
            if (_logs.TryGetValue(key, out var log))
            {
                return log;
            }

            var fresh = new SlidingLog();
            if (_logs.TryAdd(key, fresh))
            {
                // ConcurrentDictionary.Count takes every lock; this counter keeps the per-request check cheap.
                Interlocked.Increment(ref _count);
                return fresh;
            }
        }
    }

    private void Remove((string Bucket, string Principal) key, SlidingLog log)
    {
        if (_logs.TryRemove(KeyValuePair.Create(key, log)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void SweepIfDue(long now)
    {
        if ((now < Volatile.Read(ref _nextSweepMs) && PartitionCount <= _maxPartitions) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (key, log) in _logs)
            {
                if (log.TryRetireIfIdle(now, _windowMs))
                {
                    Remove(key, log);
                }
            }

            // A flood of distinct principals inside one window: forgetting the least recent ones lets them start
            // afresh, which is lenient, rather than letting memory grow without bound.
            var excess = PartitionCount - (_maxPartitions - (_maxPartitions / 10));
            if (excess > 0)
            {
                foreach (var (key, log) in _logs.OrderBy(entry => entry.Value.LastSeenMs).Take(excess).ToList())
                {
                    log.Retire();
                    Remove(key, log);
                }
            }

            Volatile.Write(ref _nextSweepMs, now + _windowMs);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
