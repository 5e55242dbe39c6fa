namespace HushRyd.Trips.Trips;

public interface ITripRepository
{
    Task InsertAsync(Trip trip, CancellationToken cancellationToken);

    Task<Trip?> FindAsync(string tripId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the trip along <paramref name="transition"/> only if it is still in the state the transition
    /// starts from (compare-and-set, so two racing callers cannot both succeed). Cancelling a trip also
    /// cancels its confirmed bookings.
    /// </summary>
    /// <returns>The updated trip, or null when the trip is missing or no longer in the starting state.</returns>
    Task<Trip?> TryTransitionAsync(string tripId, TripTransition transition, DateTimeOffset at, CancellationToken cancellationToken);

    Task<TripPage> SearchAsync(TripSearch search, CancellationToken cancellationToken);

    Task<IReadOnlyList<NearbyTrip>> FindNearAsync(NearSearch search, CancellationToken cancellationToken);
}
