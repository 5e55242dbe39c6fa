namespace HushRyd.Platform.Redis;

/// <summary>
/// The seed's <c>location:{tripId}</c> hash, written by the Location module and read by others (share pages,
/// SOS tracking): fields lat, lng, speed, timestamp (unix milliseconds) and driverId.
/// </summary>
public static class LocationKeys
{
    public const string Lat = "lat";
    public const string Lng = "lng";
    public const string Speed = "speed";
    public const string Timestamp = "timestamp";
    public const string DriverId = "driverId";

    public static string Trip(string tripId) => "location:" + tripId;
}
