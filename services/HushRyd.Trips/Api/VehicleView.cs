using HushRyd.Platform.Trips;

namespace HushRyd.Trips.Api;

/// <summary>
/// A trip's car. Everyone searching sees make, model and colour (enough to choose a ride); the plate only the trip's
/// own people do (see <see cref="Participants.TripInsiders"/>), so browsing trips does not list which car each driver owns.
/// </summary>
public sealed record VehicleView(string? Registration, string MakeModel, string Colour)
{
    public static VehicleView? From(TripVehicle? vehicle, bool withRegistration) =>
        vehicle is null ? null : new(withRegistration ? vehicle.Registration : null, vehicle.MakeModel, vehicle.Colour);
}
