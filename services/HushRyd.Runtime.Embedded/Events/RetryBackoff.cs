namespace HushRyd.Runtime.Embedded.Events;

/// <summary>Exponential backoff with equal jitter: retries of many failed deliveries spread out instead of stampeding.</summary>
public static class RetryBackoff
{
    /// <param name="failedAttempts">Attempts made so far, at least 1.</param>
    /// <param name="jitter">A value in [0, 1).</param>
    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * jitter));
    }
}
