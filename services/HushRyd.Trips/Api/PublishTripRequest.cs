namespace HushRyd.Trips.Api;

/// <summary>API.md: the trip a driver offers; <see cref="Vehicle"/> is optional so clients from before it keep working.</summary>
public sealed record PublishTripRequest(PlaceRequest? Source, PlaceRequest? Destination, DateTimeOffset? DepartureTime, int? Seats, decimal? Fare, VehicleRequest? Vehicle = null);
