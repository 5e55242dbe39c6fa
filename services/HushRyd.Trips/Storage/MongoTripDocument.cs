using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Trips.Trips;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Trips.Storage;

/// <summary>A trip in the <c>trips</c> collection, with the field names the seed's indexes and shard key use.</summary>
public sealed class MongoTripDocument : MongoShardedDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    [BsonElement("driver")]
    public string Driver { get; set; } = string.Empty;

    [BsonElement("source")]
    public MongoPlaceDocument Source { get; set; } = null!;

    [BsonElement("destination")]
    public MongoPlaceDocument Destination { get; set; } = null!;

    [BsonElement("departureTime")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime DepartureTime { get; set; }

    [BsonElement("seats")]
    public int Seats { get; set; }

    [BsonElement("seatsAvailable")]
    public int SeatsAvailable { get; set; }

    [BsonElement("fare")]
    [BsonRepresentation(BsonType.Decimal128)]
    public decimal Fare { get; set; }

    [BsonElement("status")]
    public string Status { get; set; } = string.Empty;

    [BsonElement("startedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? StartedAt { get; set; }

    [BsonElement("endedAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? EndedAt { get; set; }

    [BsonElement("vehicle")]
    [BsonIgnoreIfNull]
    public MongoVehicleDocument? Vehicle { get; set; }

    public static MongoTripDocument From(Trip trip)
    {
        ArgumentNullException.ThrowIfNull(trip);
        return new MongoTripDocument
        {
            Id = trip.Id,
            Driver = trip.DriverId,
            Source = MongoPlaceDocument.From(trip.Source),
            Destination = MongoPlaceDocument.From(trip.Destination),
            DepartureTime = trip.DepartureTime.UtcDateTime,
            Seats = trip.Seats,
            SeatsAvailable = trip.SeatsAvailable,
            Fare = trip.Fare,
            Status = trip.Status.Name(),
            Region = trip.Region,
            CreatedAt = trip.CreatedAt.UtcDateTime,
            StartedAt = trip.StartedAt?.UtcDateTime,
            EndedAt = trip.EndedAt?.UtcDateTime,
            Vehicle = MongoVehicleDocument.From(trip.Vehicle),
        };
    }

    public Trip ToTrip() => new(
        Id,
        Driver,
        Source.ToPlace(),
        Destination.ToPlace(),
        MongoTimes.ToOffset(DepartureTime),
        Seats,
        SeatsAvailable,
        Fare,
        TripStatusNames.Parse(Status),
        Region,
        MongoTimes.ToOffset(CreatedAt),
        StartedAt is { } started ? MongoTimes.ToOffset(started) : null,
        EndedAt is { } ended ? MongoTimes.ToOffset(ended) : null,
        Vehicle?.ToVehicle());
}
