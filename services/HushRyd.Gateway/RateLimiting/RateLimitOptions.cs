using HushRyd.Gateway.Identity;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>The seed's per-tier budgets, plus SOS's own bucket, per sliding <see cref="Window"/>.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int Default { get; set; } = 100;

    public int Authenticated { get; set; } = 500;

    public int Premium { get; set; } = 1000;

    /// <summary>Budget of the separate "sos" bucket: a rider in danger never waits on what she spent browsing.</summary>
    public int Sos { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public RateLimitRedisOptions Redis { get; set; } = new();

    public LocalFallbackOptions LocalFallback { get; set; } = new();

    public RateLimitLeaseOptions Lease { get; set; } = new();

    public int LimitFor(RateLimitTier tier) => tier switch
    {
        RateLimitTier.Premium => Premium,
        RateLimitTier.Authenticated => Authenticated,
        _ => Default,
    };
}
