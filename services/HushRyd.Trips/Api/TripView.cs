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
    DateTimeOffset? EndedAt,
    VehicleView? Vehicle)
{
    /// <summary>For the trip's own people (its driver, booked passengers, admins): the vehicle with its plate.</summary>
    public static TripView ForInsider(Trip trip) => From(trip, withRegistration: true);

    /// <summary>For anyone searching: the vehicle without its plate.</summary>
    public static TripView ForSearch(Trip trip) => From(trip, withRegistration: false);

    public static TripView From(Trip trip, bool withRegistration)
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
            trip.EndedAt,
            VehicleView.From(trip.Vehicle, withRegistration));
    }
}
