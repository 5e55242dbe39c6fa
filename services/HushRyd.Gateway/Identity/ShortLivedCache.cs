using System.Collections.Concurrent;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// This instance's memory of answers that stay true for a while, so a principal's requests are checked once rather
/// than once each. Bounded: past <c>capacity</c> nothing new is kept until expired entries are swept, which costs
/// speed, never correctness.
/// </summary>
internal sealed class ShortLivedCache<TKey, TValue>(TimeProvider time, int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private int _count;
    private long _nextSweepMs;
    private int _sweeping;

    public bool TryGet(TKey key, out TValue value) => TryGet(key, out value, out _);

    /// <summary>As <see cref="TryGet(TKey, out TValue)"/>, with when the entry expires, in Unix milliseconds.</summary>
    public bool TryGet(TKey key, out TValue value, out long untilMs)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.UntilMs > NowMs())
        {
            (value, untilMs) = (entry.Value, entry.UntilMs);
            return true;
        }

        (value, untilMs) = (default!, 0);
        return false;
    }

    public void Set(TKey key, TValue value, DateTimeOffset until)
    {
        var now = NowMs();
        var untilMs = until.ToUnixTimeMilliseconds();
        if (untilMs <= now)
        {
            return;
        }

        SweepIfDue(now, untilMs - now);
        if (Volatile.Read(ref _count) >= capacity)
        {
            return;
        }

        if (_entries.TryAdd(key, new Entry(value, untilMs)))
        {
            // ConcurrentDictionary.Count takes every lock; this counter keeps the per-request check cheap.
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[key] = new Entry(value, untilMs);
        }
    }

    public void Remove(TKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Clear()
    {
        foreach (var key in _entries.Keys)
        {
            Remove(key);
        }
    }

    private void SweepIfDue(long now, long lifetimeMs)
    {
        if ((now < Volatile.Read(ref _nextSweepMs) && Volatile.Read(ref _count) < capacity) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.UntilMs <= now && _entries.TryRemove(KeyValuePair.Create(key, entry)))
                {
                    Interlocked.Decrement(ref _count);
                }
            }

            // Long-lived entries are swept at most once a minute: a full sweep walks every entry.
            Volatile.Write(ref _nextSweepMs, now + Math.Min(lifetimeMs, 60_000));
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    // A struct, held inline in the dictionary's node: an entry is one object, not two.
    private readonly record struct Entry(TValue Value, long UntilMs);
}
