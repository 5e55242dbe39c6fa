using HushRyd.Trips.Bookings;
using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Trips.Storage;

/// <summary>A booking in the <c>bookings</c> collection.</summary>
public sealed class MongoBookingDocument : MongoShardedDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    [BsonElement("tripId")]
    public string TripId { get; set; } = string.Empty;

    [BsonElement("passengerId")]
    public string PassengerId { get; set; } = string.Empty;

    [BsonElement("seats")]
    public int Seats { get; set; }

    [BsonElement("status")]
    public string Status { get; set; } = string.Empty;

    [BsonElement("cancelledAt")]
    [BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? CancelledAt { get; set; }

    public static MongoBookingDocument From(Booking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new MongoBookingDocument
        {
            Id = booking.Id,
            TripId = booking.TripId,
            PassengerId = booking.PassengerId,
            Seats = booking.Seats,
            Status = booking.Status.Name(),
            Region = booking.Region,
            CreatedAt = booking.CreatedAt.UtcDateTime,
            CancelledAt = booking.CancelledAt?.UtcDateTime,
        };
    }

    public Booking ToBooking() => new(
        Id,
        TripId,
        PassengerId,
        Seats,
        BookingStatusNames.Parse(Status),
        Region,
        MongoTimes.ToOffset(CreatedAt),
        CancelledAt is { } cancelled ? MongoTimes.ToOffset(cancelled) : null);
}
