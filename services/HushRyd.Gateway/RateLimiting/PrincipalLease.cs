namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// One principal's permits in one bucket that this instance leased from the shared log, for
/// <see cref="LeasingRateLimiter"/>. At most one lease call is in flight per principal: concurrent requests wait for it.
/// </summary>
internal sealed class PrincipalLease
{
    private readonly Lock _lock = new();
    private int _limit;
    private int _size;
    private int _available;
    private int _used;
    private long _expiresAtMs;
    private long _countBefore;
    private long _oldestMs;
    private long _exactUntilMs;
    private TaskCompletionSource? _pending;

    public long LastSeenMs { get; private set; }

    public LeaseStep Next(long now, int limit, long windowMs, int minPermits, int maxPermits)
    {
        lock (_lock)
        {
            LastSeenMs = now;
            if (_available > 0 && now < _expiresAtMs && limit == _limit)
            {
                _available--;
                _used++;

                // Counted as if the log held nothing newer than the lease: another instance's requests since are unseen.
                // An entry dated ahead is a permit used no earlier than now, so it frees no later than a window from now.
                var decision = SlidingWindow.Decide(true, limit, _countBefore + _used, Math.Min(_oldestMs, now) + windowMs, now);
                return new LeaseStep(decision, null, null, 0);
            }

            if (now < _exactUntilMs)
            {
                return default;
            }

            if (_pending is not null)
            {
                return new LeaseStep(null, _pending.Task, null, 0);
            }

            _pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new LeaseStep(null, null, _pending, NextSize(now, minPermits, maxPermits));
        }
    }

    /// <param name="grant">Null when Redis did not answer: nothing changes and this request goes to the exact limiter.</param>
    public void Complete(TaskCompletionSource owned, PermitLeaseGrant? grant, long now, int limit, int permits, long expiresAtMs, long lifetimeMs)
    {
        lock (_lock)
        {
            if (grant is { Granted: true } granted)
            {
                (_limit, _size, _available, _used, _expiresAtMs) = (limit, permits, permits, 0, expiresAtMs);
                (_countBefore, _oldestMs) = (granted.CountBefore, granted.OldestMs);
            }
            else if (grant is not null)
            {
                // Near the limit: the exact script decides for a lease lifetime before another lease is tried.
                (_available, _size, _exactUntilMs) = (0, 0, now + lifetimeMs);
            }

            _pending = null;
        }

        owned.SetResult();
    }

    public bool IsIdle(long now, long lifetimeMs)
    {
        lock (_lock)
        {
            return _pending is null && now > Math.Max(Math.Max(_expiresAtMs, _exactUntilMs), LastSeenMs + lifetimeMs);
        }
    }

    // A lease used up before it expired doubles; one that expired shrinks to what was used of it.
    private int NextSize(long now, int minPermits, int maxPermits)
    {
        var wanted = _size == 0 ? minPermits : _available == 0 && now < _expiresAtMs ? _size * 2 : _used;
        return Math.Clamp(wanted, minPermits, maxPermits);
    }
}
