namespace HushRyd.Location;

public sealed class LocationOptions
{
    public const string SectionName = "Location";

    /// <summary>How long a trip's last position is kept in Redis after its last update.</summary>
    public TimeSpan PositionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A driver not heard from for this long drops out of nearby results and is swept from <c>active-drivers</c>.</summary>
    public TimeSpan DriverStaleAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far ahead of the server's clock a reported timestamp may be (device clocks drift).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reports older than this are refused: they belong to no live trip view and would only churn history.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>How long an instance trusts what it learned about a trip's driver, passengers and phase.</summary>
    public TimeSpan TripCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>History rows written in one transaction.</summary>
    public int HistoryBatchSize { get; set; } = 2000;

    /// <summary>Accepted updates waiting for the history writer; when full, writers wait rather than drop history.</summary>
    public int HistoryQueueCapacity { get; set; } = 100_000;

    /// <summary>The most points a track answer holds; longer trails are thinned evenly, keeping first and last.</summary>
    public int MaxTrackPoints { get; set; } = 500;

    /// <summary>How often a degraded instance checks whether Redis is back to replay the buffered updates.</summary>
    public TimeSpan ReplayProbeInterval { get; set; } = TimeSpan.FromSeconds(1);
}
