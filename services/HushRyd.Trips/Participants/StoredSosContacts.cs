using HushRyd.Platform.Trips;
using HushRyd.Trips.Sharing;
using HushRyd.Trips.TrustedContacts;

namespace HushRyd.Trips.Participants;

/// <summary>Answers <see cref="ISosContacts"/> from the Trips module's own stores, for an SOS module in the same process.</summary>
public sealed class StoredSosContacts(ITrustedContactRepository contacts, ShareLinkService shares) : ISosContacts
{
    public async Task<IReadOnlyList<SosContact>> TrustedContactsOfAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await contacts.GetAsync(userId, cancellationToken)).Select(c => new SosContact(c.Name, c.Phone, c.Email))];

    public async Task<string?> IssueShareTokenAsync(string tripId, string userId, CancellationToken cancellationToken) =>
        (await shares.CreateAsync(tripId, userId, isAdmin: false, cancellationToken)).Token;
}
