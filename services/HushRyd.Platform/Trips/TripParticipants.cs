namespace HushRyd.Platform.Trips;

/// <summary>A trip's driver, the passengers holding confirmed bookings, and the vehicle when the driver gave it.</summary>
public sealed record TripParticipants(string TripId, string DriverId, IReadOnlyList<string> PassengerIds, TripPhase Phase, TripVehicle? Vehicle = null)
{
    public bool Includes(string userId) => DriverId == userId || PassengerIds.Contains(userId);
}
