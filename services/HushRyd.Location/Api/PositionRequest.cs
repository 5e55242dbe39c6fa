namespace HushRyd.Location.Api;

/// <summary>A driver app's report for one trip. Speed in km/h, heading in degrees clockwise from north.</summary>
public sealed record PositionRequest(double? Lat, double? Lng, double? Speed, double? Heading, DateTimeOffset? Timestamp);
