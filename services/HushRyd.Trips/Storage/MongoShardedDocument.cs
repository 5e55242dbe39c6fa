using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Trips.Storage;

/// <summary>
/// The seed's shard key, <c>{ region: 1, createdAt: 1 }</c>, which every trips-module document carries so its
/// collection can be sharded (deploy/mongo/shard-bootstrap.js).
/// </summary>
public abstract class MongoShardedDocument
{
    [BsonElement("region")]
    public string Region { get; set; } = string.Empty;

    [BsonElement("createdAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }
}
