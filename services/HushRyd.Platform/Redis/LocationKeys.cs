namespace HushRyd.Platform.Redis;

/// <summary>
/// The seed's <c>location:{tripId}</c> hash, written by the Location module and read by others (share pages,
/// SOS tracking): fields lat, lng, speed, heading, timestamp (unix milliseconds) and driverId.
/// </summary>
public static class LocationKeys
{
    public const string Lat = "lat";
    public const string Lng = "lng";
    public const string Speed = "speed";
    public const string Heading = "heading";
    public const string Timestamp = "timestamp";
    public const string DriverId = "driverId";

    /// <summary>The seed's GEO set of drivers available for rides.</summary>
    public const string ActiveDrivers = "active-drivers";

    /// <summary>When each active driver was last heard from (unix milliseconds as the score), to sweep the silent ones.</summary>
    public const string ActiveDriversSeen = "active-drivers:seen";

    public static string Trip(string tripId) => "location:" + tripId;
}
