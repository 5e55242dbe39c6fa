using HushRyd.Trips.TrustedContacts;
using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Trips.Storage;

/// <summary>One user's trusted contacts in the <c>trustedContacts</c> collection, keyed by the user id.</summary>
public sealed class MongoTrustedContactsDocument : MongoShardedDocument
{
    [BsonId]
    public string UserId { get; set; } = string.Empty;

    [BsonElement("contacts")]
    public ContactEntry[] Contacts { get; set; } = [];

    [BsonElement("updatedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime UpdatedAt { get; set; }

    public sealed class ContactEntry
    {
        [BsonElement("name")]
        public string Name { get; set; } = string.Empty;

        [BsonElement("phone")]
        public string Phone { get; set; } = string.Empty;

        [BsonElement("email")]
        [BsonIgnoreIfNull]
        public string? Email { get; set; }

        public static ContactEntry From(TrustedContact contact)
        {
            ArgumentNullException.ThrowIfNull(contact);
            return new ContactEntry { Name = contact.Name, Phone = contact.Phone, Email = contact.Email };
        }

        public TrustedContact ToContact() => new(Name, Phone, Email);
    }
}
