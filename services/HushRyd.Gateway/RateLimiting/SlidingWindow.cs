namespace HushRyd.Gateway.RateLimiting;

/// <summary>The decision both limiters derive from a sliding log, so Redis and the local fallback answer alike.</summary>
internal static class SlidingWindow
{
    /// <param name="count">Requests in the window after this one was counted (if it was).</param>
    /// <param name="freedAtMs">When the entry whose departure matters leaves: the oldest if allowed, else the one that makes room.</param>
    public static RateLimitDecision Decide(bool allowed, int limit, long count, long freedAtMs, long nowMs)
    {
        var resetAfter = TimeSpan.FromMilliseconds(Math.Max(0, freedAtMs - nowMs));
        var remaining = (int)Math.Clamp(limit - count, 0, limit);
        return new RateLimitDecision(allowed, limit, remaining, resetAfter, allowed ? null : resetAfter);
    }

    public static void ThrowIfInvalid(string bucket, string principal, int limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(principal);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
    }
}
