namespace HushRyd.Trips.Trips;

/// <summary>Trips leaving <see cref="City"/> in [From, To), by departure time then id; <see cref="After"/> continues a page.</summary>
public sealed record TripSearch(string City, DateTimeOffset From, DateTimeOffset To, TripStatus Status, int Limit, TripCursor? After = null);
