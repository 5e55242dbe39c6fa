namespace HushRyd.Gateway.RateLimiting;

/// <summary>One principal's requests in one bucket, oldest first, for <see cref="LocalSlidingWindowRateLimiter"/>.</summary>
internal sealed class SlidingLog
{
    private readonly List<long> _entries = [];
    private readonly Lock _lock = new();
    private bool _retired;

    public long LastSeenMs { get; private set; }

    /// <returns>Null when the log was retired meanwhile: the caller takes the fresh log that replaced it.</returns>
    public RateLimitDecision? TryAcquire(long now, long windowMs, int limit)
    {
        lock (_lock)
        {
            if (_retired)
            {
                return null;
            }

            LastSeenMs = now;
            Prune(now, windowMs);
            var allowed = _entries.Count < limit;
            if (allowed)
            {
                // Sorted like the Redis sorted set even if the wall clock steps back.
                var at = _entries.BinarySearch(now);
                _entries.Insert(at < 0 ? ~at : at, now);
            }

            var freeing = allowed ? _entries[0] : _entries[_entries.Count - limit];
            return SlidingWindow.Decide(allowed, limit, _entries.Count, freeing + windowMs, now);
        }
    }

    public bool TryRetireIfIdle(long now, long windowMs)
    {
        lock (_lock)
        {
            Prune(now, windowMs);
            _retired = _entries.Count == 0;
            return _retired;
        }
    }

    public void Retire()
    {
        lock (_lock)
        {
            _retired = true;
        }
    }

    private void Prune(long now, long windowMs)
    {
        var expired = 0;
        while (expired < _entries.Count && _entries[expired] <= now - windowMs)
        {
            expired++;
        }

        _entries.RemoveRange(0, expired);
    }
}
