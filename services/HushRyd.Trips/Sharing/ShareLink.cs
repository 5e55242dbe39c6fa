namespace HushRyd.Trips.Sharing;

/// <summary>What the state store keeps under <c>share:{sha256(token)}</c>; never the token itself.</summary>
public sealed record ShareLink(string TripId, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
