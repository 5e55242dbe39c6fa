using HushRyd.Trips.Trips;

namespace HushRyd.Trips.Api;

public sealed record TripView(
    string Id,
    string DriverId,
    PlaceView Source,
    PlaceView Destination,
    DateTimeOffset DepartureTime,
    int Seats,
    int SeatsAvailable,
    decimal Fare,
    TripStatus Status,
    string Region,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    public static TripView From(Trip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        return new(
            trip.Id,
            trip.DriverId,
            PlaceView.From(trip.Source),
            PlaceView.From(trip.Destination),
            trip.DepartureTime,
            trip.Seats,
            trip.SeatsAvailable,
            trip.Fare,
            trip.Status,
            trip.Region,
            trip.CreatedAt,
            trip.StartedAt,
            trip.EndedAt);
    }
}
