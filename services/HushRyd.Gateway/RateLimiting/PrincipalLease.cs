namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// One principal's permits in one bucket that this instance leased from the shared log, for
/// <see cref="LeasingRateLimiter"/>. Once half of a lease is used, the next one is asked for while the rest lasts, so a
/// busy principal's requests do not queue behind a Redis round trip. At most one lease call is in flight per principal,
/// and the permits held unused, current and next lease together, never exceed the most one lease may have.
/// </summary>
internal sealed class PrincipalLease
{
    private readonly Lock _lock = new();
    private Grant? _current;
    private Grant? _next;
    private long _exactUntilMs;
    private bool _startSmall = true;
    private TaskCompletionSource? _pending;

    public long LastSeenMs { get; private set; }

    public LeaseStep Next(long now, int limit, long windowMs, int minPermits, int maxPermits)
    {
        lock (_lock)
        {
            LastSeenMs = now;
            if (!Usable(_current, now, limit) && Usable(_next, now, limit))
            {
                (_current, _next) = (_next, null);
            }

            if (_current is { } lease && Usable(lease, now, limit))
            {
                var decision = lease.Take(now, windowMs);
                var room = maxPermits - lease.Available;
                if (_pending is null && _next is null && now >= _exactUntilMs && lease.Available <= lease.Size / 2 && room >= minPermits)
                {
                    _pending = NewPending();
                    return new LeaseStep(decision, null, _pending, Math.Clamp(lease.Size * 2, minPermits, room));
                }

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

            _pending = NewPending();
            return new LeaseStep(null, null, _pending, NextSize(now, minPermits, maxPermits));
        }
    }

    /// <param name="grant">Null when Redis did not answer: nothing changes, and without permits the request goes to the exact limiter.</param>
    public void Complete(TaskCompletionSource owned, PermitLeaseGrant? grant, long now, int limit, int permits, long expiresAtMs, long lifetimeMs)
    {
        lock (_lock)
        {
            if (grant is { Granted: true } granted)
            {
                var lease = new Grant(limit, permits, expiresAtMs, granted.CountBefore, granted.OldestMs);
                if (_current is { Available: > 0 })
                {
                    _next = lease;
                }
                else
                {
                    _current = lease;
                }

                _startSmall = false;
            }
            else if (grant is not null)
            {
                // Near the limit: what is left of the current lease is still counted and used, then the exact
                // script decides for a lease lifetime before another lease is tried, starting small again.
                (_next, _exactUntilMs, _startSmall) = (null, now + lifetimeMs, true);
            }

            _pending = null;
        }

        owned.SetResult();
    }

    public bool IsIdle(long now, long lifetimeMs)
    {
        lock (_lock)
        {
            var leasedUntil = Math.Max(_current?.ExpiresAtMs ?? 0, _next?.ExpiresAtMs ?? 0);
            return _pending is null && now > Math.Max(Math.Max(leasedUntil, _exactUntilMs), LastSeenMs + lifetimeMs);
        }
    }

    private static TaskCompletionSource NewPending() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static bool Usable(Grant? lease, long now, int limit) =>
        lease is not null && lease.Available > 0 && now < lease.ExpiresAtMs && lease.Limit == limit;

    // A lease used up before it expired doubles; one that expired shrinks to what was used of it.
    private int NextSize(long now, int minPermits, int maxPermits)
    {
        if (_startSmall || _current is not { } last)
        {
            return minPermits;
        }

        var wanted = last.Available == 0 && now < last.ExpiresAtMs ? last.Size * 2 : last.Used;
        return Math.Clamp(wanted, minPermits, maxPermits);
    }

    /// <summary>One granted lease; its permits are dated at its end, so each may be used until then and not after.</summary>
    private sealed class Grant(int limit, int size, long expiresAtMs, long countBefore, long oldestMs)
    {
        public int Limit => limit;

        public int Size => size;

        public long ExpiresAtMs => expiresAtMs;

        public int Used { get; private set; }

        public int Available => size - Used;

        public RateLimitDecision Take(long now, long windowMs)
        {
            Used++;

            // Counted as if the log held nothing newer than the lease: another instance's requests since are unseen.
            // An entry dated ahead is a permit used no earlier than now, so it frees no later than a window from now.
            return SlidingWindow.Decide(true, limit, countBefore + Used, Math.Min(oldestMs, now) + windowMs, now);
        }
    }
}
