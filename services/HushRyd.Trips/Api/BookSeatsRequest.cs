namespace HushRyd.Trips.Api;

public sealed record BookSeatsRequest(int? Seats);
