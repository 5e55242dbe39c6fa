using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Location.Storage;

/// <summary>The time-series meta field: MongoDB buckets a trip's points together by it.</summary>
public sealed class MongoPositionMeta
{
    [BsonElement("tripId")]
    public string TripId { get; set; } = string.Empty;

    [BsonElement("driverId")]
    public string DriverId { get; set; } = string.Empty;
}
