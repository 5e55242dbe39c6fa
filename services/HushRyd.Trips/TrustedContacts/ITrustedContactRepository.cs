namespace HushRyd.Trips.TrustedContacts;

public interface ITrustedContactRepository
{
    /// <summary>The user's contacts in the order they gave them; empty when they have none.</summary>
    Task<IReadOnlyList<TrustedContact>> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Replaces the whole list.</summary>
    Task SaveAsync(string userId, IReadOnlyList<TrustedContact> contacts, DateTimeOffset at, CancellationToken cancellationToken);
}
