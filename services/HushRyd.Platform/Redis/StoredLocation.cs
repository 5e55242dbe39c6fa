namespace HushRyd.Platform.Redis;

/// <summary>What a <c>location:{tripId}</c> hash holds; <see cref="Timestamp"/> is unix milliseconds.</summary>
public sealed record StoredLocation(string TripId, string DriverId, double Lat, double Lng, double? Speed, double? Heading, long Timestamp);
