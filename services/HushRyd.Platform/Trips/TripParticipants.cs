namespace HushRyd.Platform.Trips;

/// <summary>A trip's driver and the passengers holding confirmed bookings.</summary>
public sealed record TripParticipants(string TripId, string DriverId, IReadOnlyList<string> PassengerIds, TripPhase Phase)
{
    public bool Includes(string userId) => DriverId == userId || PassengerIds.Contains(userId);
}
