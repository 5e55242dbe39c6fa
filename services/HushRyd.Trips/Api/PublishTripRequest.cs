namespace HushRyd.Trips.Api;

public sealed record PublishTripRequest(PlaceRequest? Source, PlaceRequest? Destination, DateTimeOffset? DepartureTime, int? Seats, decimal? Fare);
