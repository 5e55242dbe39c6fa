namespace HushRyd.Trips.Sharing;

/// <summary>A trip's latest position as the Location module keeps it; <see cref="Timestamp"/> is unix milliseconds.</summary>
public sealed record LivePosition(double Lat, double Lng, double? Speed, long Timestamp);
