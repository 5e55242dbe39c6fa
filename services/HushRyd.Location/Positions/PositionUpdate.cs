namespace HushRyd.Location.Positions;

/// <summary>One accepted report of where a trip is. <see cref="Timestamp"/> is the device's time of the fix, unix milliseconds.</summary>
public sealed record PositionUpdate(string TripId, string DriverId, double Lat, double Lng, double? Speed, double? Heading, long Timestamp)
{
    public DateTimeOffset At => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp);
}
