using HushRyd.Platform.Trips;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.Trips;

namespace HushRyd.Trips.Api;

/// <summary>
/// What a share page polls. Deliberately less than <see cref="TripView"/>: no driver id, fare or street
/// addresses reach whoever holds the link. The vehicle does, plate included: the link goes to the people the traveller
/// trusts (and in every SOS), and "which car is she in" is the first thing they or the police need. <see cref="PositionAvailable"/> is false while the position store is
/// unreachable: the page still shows the trip and says the live position will come back.
/// </summary>
public sealed record ShareStatusView(
    TripStatus Status, SharePlaceView Source, SharePlaceView Destination, DateTimeOffset DepartureTime, LivePosition? Position, bool PositionAvailable, TripVehicle? Vehicle)
{
    public static ShareStatusView From(Trip trip, LivePosition? position, bool positionAvailable = true)
    {
        ArgumentNullException.ThrowIfNull(trip);
        return new(trip.Status, SharePlaceView.From(trip.Source), SharePlaceView.From(trip.Destination), trip.DepartureTime, position, positionAvailable, trip.Vehicle);
    }
}
