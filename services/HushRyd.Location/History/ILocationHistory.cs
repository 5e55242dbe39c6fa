using HushRyd.Location.Positions;

namespace HushRyd.Location.History;

/// <summary>Every accepted position, kept in the record store after Redis has moved on (the seed's async persistence).</summary>
public interface ILocationHistory
{
    /// <summary>Appends updates; the same trip and timestamp stored twice is kept once, so replays are harmless.</summary>
    Task AppendAsync(IReadOnlyList<PositionUpdate> updates, CancellationToken cancellationToken);

    /// <summary>A trip's points after <paramref name="afterTimestamp"/> (unix milliseconds), oldest first.</summary>
    Task<IReadOnlyList<PositionUpdate>> TrackAsync(string tripId, long afterTimestamp, int limit, CancellationToken cancellationToken);

    Task<PositionUpdate?> LatestAsync(string tripId, CancellationToken cancellationToken);
}
