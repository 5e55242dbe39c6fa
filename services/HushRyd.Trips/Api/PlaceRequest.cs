namespace HushRyd.Trips.Api;

public sealed record PlaceRequest(string? City, double? Lat, double? Lng, string? Address);
