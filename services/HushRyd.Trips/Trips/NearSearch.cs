namespace HushRyd.Trips.Trips;

/// <summary>Trips whose source lies within <see cref="RadiusKm"/> of a point, nearest first, departing at or after <see cref="From"/>.</summary>
public sealed record NearSearch(double Lat, double Lng, double RadiusKm, TripStatus Status, DateTimeOffset From, int Offset, int Limit);
