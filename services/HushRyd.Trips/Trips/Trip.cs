using HushRyd.Trips.Places;

namespace HushRyd.Trips.Trips;

/// <summary>A driver's published trip. <see cref="SeatsAvailable"/> only changes together with a booking.</summary>
public sealed record Trip(
    string Id,
    string DriverId,
    Place Source,
    Place Destination,
    DateTimeOffset DepartureTime,
    int Seats,
    int SeatsAvailable,
    decimal Fare,
    TripStatus Status,
    string Region,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null);
