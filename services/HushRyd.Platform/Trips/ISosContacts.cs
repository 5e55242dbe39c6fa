namespace HushRyd.Platform.Trips;

/// <summary>
/// What an SOS needs from Trips: whom the raiser trusts, and a live link to their trip to send them. In one process
/// it answers from the Trips module's stores; split, through Trips' internal API (<see cref="HttpSosContacts"/>).
/// </summary>
public interface ISosContacts
{
    /// <summary>The raiser's trusted contacts in the order they gave them; empty when they have none.</summary>
    Task<IReadOnlyList<SosContact>> TrustedContactsOfAsync(string userId, CancellationToken cancellationToken);

    /// <summary>A new share token for the trip, issued on behalf of <paramref name="userId"/>; null when the trip is unknown, ended, or not theirs.</summary>
    Task<string?> IssueShareTokenAsync(string tripId, string userId, CancellationToken cancellationToken);
}
