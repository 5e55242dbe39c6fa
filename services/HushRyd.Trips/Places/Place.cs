namespace HushRyd.Trips.Places;

/// <summary>Where a trip starts or ends: the city it is searched by and the point it is drawn at.</summary>
public sealed record Place(string City, double Lat, double Lng, string? Address);
