using HushRyd.Trips.Places;
using HushRyd.Trips.TrustedContacts;
using MongoDB.Driver;

namespace HushRyd.Trips.Storage;

/// <summary>
/// Trusted contacts in MongoDB, one document per user. Lookups are by <c>_id</c> only, so the collection needs no
/// index beyond the default one.
/// </summary>
public sealed class MongoTrustedContactRepository(IMongoDatabase mongo) : ITrustedContactRepository
{
    public const string CollectionName = "trustedContacts";

    private IMongoCollection<MongoTrustedContactsDocument> Contacts => mongo.GetCollection<MongoTrustedContactsDocument>(CollectionName);

    public async Task<IReadOnlyList<TrustedContact>> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var document = await Contacts.Find(c => c.UserId == userId).FirstOrDefaultAsync(cancellationToken);
        return document is null ? [] : [.. document.Contacts.Select(entry => entry.ToContact())];
    }

    public async Task SaveAsync(string userId, IReadOnlyList<TrustedContact> contacts, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var entries = contacts.Select(MongoTrustedContactsDocument.ContactEntry.From).ToArray();

        // Update, then insert when there was nothing to update: an upsert on a collection sharded by
        // { region, createdAt } would need the whole shard key in its filter, and createdAt is not known here.
        var updated = await Contacts.UpdateOneAsync(
            c => c.UserId == userId,
            Builders<MongoTrustedContactsDocument>.Update.Set(c => c.Contacts, entries).Set(c => c.UpdatedAt, at.UtcDateTime),
            cancellationToken: cancellationToken);
        if (updated.MatchedCount > 0)
        {
            return;
        }

        try
        {
            await Contacts.InsertOneAsync(
                new MongoTrustedContactsDocument { UserId = userId, Contacts = entries, Region = Region.National, CreatedAt = at.UtcDateTime, UpdatedAt = at.UtcDateTime },
                cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // A concurrent first save inserted the document; ours is the later write, so it replaces the list.
            await SaveAsync(userId, contacts, at, cancellationToken);
        }
    }
}
