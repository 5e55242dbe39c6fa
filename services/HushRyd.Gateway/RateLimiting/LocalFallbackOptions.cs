namespace HushRyd.Gateway.RateLimiting;

/// <summary>Bounds of the per-instance limiter that answers while Redis is unreachable.</summary>
public sealed class LocalFallbackOptions
{
    /// <summary>Principals tracked at once; past it idle ones go first, then the least recently seen.</summary>
    public int MaxPartitions { get; set; } = 100_000;
}
