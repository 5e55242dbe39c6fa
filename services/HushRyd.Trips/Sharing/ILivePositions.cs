namespace HushRyd.Trips.Sharing;

/// <summary>Reads what the Location module writes; Trips never writes positions.</summary>
public interface ILivePositions
{
    /// <summary>The trip's latest position, or null when none has been reported (or the entry is unreadable).</summary>
    Task<LivePosition?> FindAsync(string tripId, CancellationToken cancellationToken);
}
