using HushRyd.Platform.Trips;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.Trips;

namespace HushRyd.Trips.Participants;

/// <summary>Answers <see cref="ITripDirectory"/> from the Trips module's own stores, for modules in the same process.</summary>
public sealed class StoredTripDirectory(ITripRepository trips, IBookingRepository bookings, ShareLinkService shares) : ITripDirectory
{
    public async Task<TripParticipants?> FindAsync(string tripId, CancellationToken cancellationToken)
    {
        var trip = await trips.FindAsync(tripId, cancellationToken);
        if (trip is null)
        {
            return null;
        }

        var confirmed = await bookings.ListForTripAsync(trip.Id, BookingStatus.Confirmed, cancellationToken);
        var passengers = confirmed.Select(b => b.PassengerId).Distinct(StringComparer.Ordinal).ToArray();
        return new TripParticipants(trip.Id, trip.DriverId, passengers, PhaseOf(trip.Status), trip.Vehicle);
    }

    public async Task<string?> ResolveShareTokenAsync(string token, CancellationToken cancellationToken) =>
        (await shares.ResolveAsync(token, cancellationToken))?.Id;

    public static TripPhase PhaseOf(TripStatus status) => status switch
    {
        TripStatus.Scheduled => TripPhase.Scheduled,
        TripStatus.Started => TripPhase.Started,
        _ => TripPhase.Ended,
    };
}
