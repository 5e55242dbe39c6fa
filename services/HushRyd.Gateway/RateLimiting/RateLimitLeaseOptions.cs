namespace HushRyd.Gateway.RateLimiting;

/// <summary>
/// How far an instance may decide on its own (<see cref="LeasingRateLimiter"/>). Trade-off: an instance can hold up to
/// <see cref="MaxPermits"/> unused permits of a principal for <see cref="Lifetime"/>, all counted in Redis, so that
/// principal's requests on other instances may be refused slightly before the exact limit; never after it.
/// </summary>
public sealed class RateLimitLeaseOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a lease's permits may be used. Leased entries are dated this far ahead, so each counts for up to this
    /// much longer than a window; never more than <see cref="RateLimitOptions.Window"/> is used. As long as the window,
    /// so a typical user (a few requests a minute) finds permits left on return and costs one Redis call a minute
    /// rather than one every other request; the next lease is fetched in the background once half is used (ADR 0011).
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Leases are granted only while the shared log, lease included, holds at most this share of the limit.</summary>
    public double Fraction { get; set; } = 0.5;

    /// <summary>The first lease's size and the smallest worth a Redis call; limits too small for two such leases under <see cref="Fraction"/> are never leased.</summary>
    public int MinPermits { get; set; } = 8;

    /// <summary>
    /// The most a lease grows to while a principal keeps using whole leases before they expire. A lease never exceeds
    /// half of <see cref="Fraction"/> of the limit either (<see cref="MaxPermitsFor"/>; a quarter by default), so this
    /// binds only principals allowed more than 16,384 a minute. Such a key at thousands of requests a second then needs
    /// a Redis call every few hundred milliseconds rather than every few, and its requests do not stall waiting for one.
    /// </summary>
    public int MaxPermits { get; set; } = 4096;

    /// <summary>Lease lifetime actually used for a window.</summary>
    public long LifetimeMs(TimeSpan window) => (long)Math.Min(Lifetime.TotalMilliseconds, window.TotalMilliseconds);

    /// <summary>Largest lease for a limit: half of what <see cref="Fraction"/> allows, so a second lease still fits; 0 when leasing does not pay.</summary>
    public int MaxPermitsFor(int limit)
    {
        var permits = Math.Min(MaxPermits, (int)Math.Floor(limit * Fraction / 2));
        return permits >= MinPermits ? permits : 0;
    }
}
