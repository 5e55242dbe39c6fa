namespace HushRyd.Location.Api;

/// <summary>One item of a fleet gateway's batch.</summary>
public sealed record BatchPositionRequest(string? TripId, double? Lat, double? Lng, double? Speed, double? Heading, DateTimeOffset? Timestamp);
