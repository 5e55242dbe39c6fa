using HushRyd.Location.Positions;

namespace HushRyd.Location.History;

/// <summary>
/// Positions accepted while Redis was unreachable (the seed's "delayed location updates"), kept durably in the record
/// store until they are replayed into Redis in timestamp order.
/// </summary>
public interface IDelayedPositions
{
    /// <summary>Returns once the updates are durable.</summary>
    Task AddAsync(IReadOnlyList<PositionUpdate> updates, CancellationToken cancellationToken);

    /// <summary>The oldest buffered updates by timestamp, with the ids to remove them by once replayed.</summary>
    Task<IReadOnlyList<DelayedPosition>> OldestAsync(int limit, CancellationToken cancellationToken);

    Task RemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>The newest buffered update of a trip, for reads while Redis is away.</summary>
    Task<PositionUpdate?> LatestAsync(string tripId, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}
