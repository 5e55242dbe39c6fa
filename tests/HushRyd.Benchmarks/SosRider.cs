namespace HushRyd.Benchmarks;

/// <summary>A signed-in passenger on a started trip, with one trusted contact of their own (so each SMS names its alert).</summary>
internal sealed record SosRider(string Phone, string Contact, string Token, string TripId);
