namespace HushRyd.Location.Api;

/// <summary>A page of a trip's trail, oldest first; pass <see cref="NextPageToken"/> back as <c>pageToken</c> for the rest.</summary>
public sealed record TrackView(string TripId, IReadOnlyList<TrackPointView> Points, string? NextPageToken);

public sealed record TrackPointView(double Lat, double Lng, double? Speed, double? Heading, DateTimeOffset Timestamp);
