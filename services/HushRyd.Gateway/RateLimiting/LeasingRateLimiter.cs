using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// The limiter requests go through. While a principal is far from its limit, this instance leases a few permits at a
/// time from the shared log (<see cref="RedisPermitLeaser"/>) and decides locally; once a lease would take the log past
/// <see cref="RateLimitLeaseOptions.Fraction"/> of the limit, every decision is the exact script's, so refusals,
/// Retry-After and RateLimit-* headers at the limit are exactly those of <see cref="ResilientRateLimiter"/>, which also
/// answers locally while Redis is down. Leased headers are this instance's view: others' requests since the lease are unseen.
/// </summary>
public sealed class LeasingRateLimiter(ResilientRateLimiter exact, RedisPermitLeaser leaser, IOptions<RateLimitOptions> options, TimeProvider timeProvider)
    : IRateLimiter
{
    // Waiting for a lease another request took, and finding it spent, more often than this means a crowd: go exact.
    private const int Attempts = 3;

    private readonly ConcurrentDictionary<(string Bucket, string Principal), PrincipalLease> _leases = new();
    private readonly RateLimitLeaseOptions _lease = options.Value.Lease;
    private readonly long _windowMs = (long)options.Value.Window.TotalMilliseconds;
    private readonly long _lifetimeMs = Math.Max(1, options.Value.Lease.LifetimeMs(options.Value.Window));
    private long _nextSweepMs;
    private int _sweeping;

    public int LeaseCount => _leases.Count;

    public async Task<RateLimitDecision> AcquireAsync(string bucket, string principal, int limit, CancellationToken cancellationToken)
    {
        SlidingWindow.ThrowIfInvalid(bucket, principal, limit);

        // SOS traffic is tiny and a rider in danger must never be refused early because another instance holds permits.
        var maxPermits = _lease.Enabled && bucket != RateLimitBuckets.Sos ? _lease.MaxPermitsFor(limit) : 0;
        if (maxPermits == 0)
        {
            return await exact.AcquireAsync(bucket, principal, limit, cancellationToken);
        }

        SweepIfDue(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var lease = _leases.GetOrAdd((bucket, principal), static _ => new PrincipalLease());
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            var step = lease.Next(now, limit, _windowMs, _lease.MinPermits, maxPermits);
            if (step.Taken is { } decision)
            {
                if (step.Owned is { } refill)
                {
                    // Not awaited, nor cancelled with this request: it has its permit, the next lease is for those after it.
                    _ = TryLeaseAsync(lease, refill, bucket, principal, limit, step.Permits, now, CancellationToken.None);
                }

                return decision;
            }

            if (step.WaitFor is { } pending)
            {
                await pending.WaitAsync(cancellationToken);
                continue;
            }

            if (step.Owned is not { } owned || !await TryLeaseAsync(lease, owned, bucket, principal, limit, step.Permits, now, cancellationToken))
            {
                break;
            }
        }

        return await exact.AcquireAsync(bucket, principal, limit, cancellationToken);
    }

    private async Task<bool> TryLeaseAsync(
        PrincipalLease lease, TaskCompletionSource owned, string bucket, string principal, int limit, int permits, long now, CancellationToken cancellationToken)
    {
        var expiresAt = now + _lifetimeMs;
        PermitLeaseGrant? grant = null;
        try
        {
            var call = (Leaser: leaser, Bucket: bucket, Principal: principal, Permits: permits,
                Cap: (long)Math.Floor(limit * _lease.Fraction), Now: now, Dated: expiresAt, Window: _windowMs);
            grant = await exact.OnRedisAsync(
                static (c, token) => c.Leaser.LeaseAsync(c.Bucket, c.Principal, c.Permits, c.Cap, c.Now, c.Dated, c.Window, token),
                call,
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The breaker counted and logs it; the exact limiter answers this request, locally if Redis stays away.
        }
        finally
        {
            lease.Complete(owned, grant, now, limit, permits, expiresAt, _lifetimeMs);
        }

        return grant is { Granted: true };
    }

    private void SweepIfDue(long now)
    {
        if (now < Volatile.Read(ref _nextSweepMs) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            // A request that still holds a swept lease object just loses its unused permits, which stay counted in Redis.
            foreach (var (key, lease) in _leases)
            {
                if (lease.IsIdle(now, _lifetimeMs))
                {
                    _leases.TryRemove(KeyValuePair.Create(key, lease));
                }
            }

            Volatile.Write(ref _nextSweepMs, now + Math.Max(_lifetimeMs, 1000));
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
