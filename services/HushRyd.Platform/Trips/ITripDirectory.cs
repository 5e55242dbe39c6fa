namespace HushRyd.Platform.Trips;

/// <summary>
/// What other modules may know about a trip (who drives it, who rides it, whether it is under way) without
/// reading the Trips module's stores. In one process it answers from those stores; split, through Trips' internal API.
/// </summary>
public interface ITripDirectory
{
    /// <summary>The trip's participants and phase, or null when no such trip exists.</summary>
    Task<TripParticipants?> FindAsync(string tripId, CancellationToken cancellationToken);

    /// <summary>The trip a share token shows, or null when the token is malformed, unknown, expired or its trip has ended.</summary>
    Task<string?> ResolveShareTokenAsync(string token, CancellationToken cancellationToken);
}
