namespace HushRyd.Location.Positions;

public enum WriteOutcome
{
    /// <summary>Now the trip's position, and published on <c>trip:{tripId}</c>.</summary>
    Stored,

    /// <summary>Older than the stored position, which it must not overwrite; it still goes to history.</summary>
    Superseded,

    /// <summary>Redis was unreachable: kept in the record store's buffer, replayed in timestamp order when Redis returns.</summary>
    Buffered,
}
