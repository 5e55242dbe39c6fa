namespace HushRyd.Sos.Api;

/// <summary>API.md: <c>{tripId?, lat, lng, note?}</c>.</summary>
public sealed record RaiseSosRequest(string? TripId, double? Lat, double? Lng, string? Note);
