using HushRyd.Location.Positions;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Location.Storage;

/// <summary>One position in MongoDB: history keeps it in a time-series collection (time <c>at</c>, meta <c>meta</c>).</summary>
public sealed class MongoPositionDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement("at")]
    public DateTime At { get; set; }

    [BsonElement("meta")]
    public MongoPositionMeta Meta { get; set; } = new();

    /// <summary>The fix's own unix milliseconds, kept exactly (BSON dates hold milliseconds too, but this is what readers compare).</summary>
    [BsonElement("ts")]
    public long Timestamp { get; set; }

    [BsonElement("lat")]
    public double Lat { get; set; }

    [BsonElement("lng")]
    public double Lng { get; set; }

    [BsonElement("speed")]
    [BsonIgnoreIfNull]
    public double? Speed { get; set; }

    [BsonElement("heading")]
    [BsonIgnoreIfNull]
    public double? Heading { get; set; }

    public static MongoPositionDocument From(PositionUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new MongoPositionDocument
        {
            Id = ObjectId.GenerateNewId(),
            At = update.At.UtcDateTime,
            Meta = new MongoPositionMeta { TripId = update.TripId, DriverId = update.DriverId },
            Timestamp = update.Timestamp,
            Lat = update.Lat,
            Lng = update.Lng,
            Speed = update.Speed,
            Heading = update.Heading,
        };
    }

    public PositionUpdate ToUpdate() => new(Meta.TripId, Meta.DriverId, Lat, Lng, Speed, Heading, Timestamp);
}
