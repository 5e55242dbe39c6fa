namespace HushRyd.Platform.Realtime;

/// <summary>
/// One accepted position, published as camelCase JSON on <c>trip:{tripId}</c> and delivered to clients as the
/// <c>location</c> event. <see cref="Timestamp"/> is unix milliseconds, as in the <c>location:{tripId}</c> hash.
/// </summary>
public sealed record TripLocationMessage(string TripId, double Lat, double Lng, double? Speed, double? Heading, long Timestamp, string DriverId);
