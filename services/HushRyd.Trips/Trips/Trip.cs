using HushRyd.Platform.Trips;
using HushRyd.Trips.Places;

namespace HushRyd.Trips.Trips;

/// <summary>
/// A driver's published trip. <see cref="SeatsAvailable"/> only changes together with a booking. <see cref="Vehicle"/> is
/// null for trips offered without one (clients from before it, and trips stored before it).
/// </summary>
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
    DateTimeOffset? EndedAt = null,
    TripVehicle? Vehicle = null);
