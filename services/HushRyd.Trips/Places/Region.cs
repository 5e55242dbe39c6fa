namespace HushRyd.Trips.Places;

/// <summary>
/// The shard-key region of a record (seed: shard key <c>{ region: 1, createdAt: 1 }</c>). Regions are coarse
/// on purpose: one zone of shards per region keeps a city's trips and bookings together.
/// </summary>
public static class Region
{
    public const string North = "in-north";
    public const string West = "in-west";
    public const string South = "in-south";
    public const string East = "in-east";
    public const string Central = "in-central";

    /// <summary>Records tied to no city (a user's trusted contacts) live in the national zone.</summary>
    public const string National = "in";

    public static IReadOnlyList<string> All { get; } = [North, West, South, East, Central, National];
}
