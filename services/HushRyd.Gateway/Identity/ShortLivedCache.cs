using System.Collections.Concurrent;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// This instance's memory of answers that stay true for a short while, so a burst of requests with the same token
/// is checked once rather than once per request. Bounded: past <c>capacity</c> nothing new is kept until expired
/// entries are swept, which costs speed, never correctness. Keys are strings, looked up from spans so a request
/// need not copy its token out of the header first.
/// </summary>
internal sealed class ShortLivedCache<TValue>
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private int _count;
    private long _nextSweepMs;
    private int _sweeping;

    public ShortLivedCache(TimeProvider time, int capacity)
    {
        _time = time;
        _capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> key, out TValue value)
    {
        if (_bySpan.TryGetValue(key, out var entry) && entry.UntilMs > NowMs())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value, DateTimeOffset until)
    {
        var now = NowMs();
        var untilMs = until.ToUnixTimeMilliseconds();
        if (untilMs <= now)
        {
            return;
        }

        SweepIfDue(now, untilMs - now);
        if (Volatile.Read(ref _count) >= _capacity)
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

    public void Remove(string key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void SweepIfDue(long now, long lifetimeMs)
    {
        if ((now < Volatile.Read(ref _nextSweepMs) && Volatile.Read(ref _count) < _capacity) || Interlocked.Exchange(ref _sweeping, 1) == 1)
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

            Volatile.Write(ref _nextSweepMs, now + lifetimeMs);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record Entry(TValue Value, long UntilMs);
}
