namespace HushRyd.Trips.Trips;

public sealed record TripPage(IReadOnlyList<Trip> Items, TripCursor? Next);
