namespace HushRyd.Trips.Trips;

/// <summary>The last trip of a page in search order; the next page starts after it (keyset paging, stable under inserts).</summary>
public sealed record TripCursor(DateTimeOffset DepartureTime, string Id);
