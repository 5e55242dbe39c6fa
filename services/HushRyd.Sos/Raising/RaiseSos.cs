namespace HushRyd.Sos.Raising;

/// <summary>A validated SOS request and who sent it.</summary>
public sealed record RaiseSos(string UserId, string? Phone, string IdempotencyKey, string? TripId, double Lat, double Lng, string? Note);
