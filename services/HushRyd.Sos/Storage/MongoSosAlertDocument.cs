using HushRyd.Platform.Trips;
using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Workflows.Sos.Alerts;
using MongoDB.Bson.Serialization.Attributes;

namespace HushRyd.Sos.Storage;

/// <summary>One alert in the <c>sosAlerts</c> collection with its timeline embedded (an alert's history is short: tens of lines).</summary>
public sealed class MongoSosAlertDocument
{
    [BsonId]
    public string Id { get; set; } = string.Empty;

    [BsonElement("raisedBy")]
    public string RaisedBy { get; set; } = string.Empty;

    [BsonElement("raisedByPhone")]
    public string? RaisedByPhone { get; set; }

    [BsonElement("idempotencyKey")]
    public string IdempotencyKey { get; set; } = string.Empty;

    [BsonElement("tripId")]
    public string? TripId { get; set; }

    [BsonElement("driverId")]
    public string? DriverId { get; set; }

    [BsonElement("lat")]
    public double Lat { get; set; }

    [BsonElement("lng")]
    public double Lng { get; set; }

    [BsonElement("note")]
    public string? Note { get; set; }

    [BsonElement("raisedAt")]
    public long RaisedAt { get; set; }

    [BsonElement("contacts")]
    public List<Contact> Contacts { get; set; } = [];

    [BsonElement("status")]
    public string Status { get; set; } = string.Empty;

    [BsonElement("escalationLevel")]
    public int EscalationLevel { get; set; }

    [BsonElement("acknowledgedBy")]
    public string? AcknowledgedBy { get; set; }

    [BsonElement("acknowledgedAt")]
    public long? AcknowledgedAt { get; set; }

    [BsonElement("closedBy")]
    public string? ClosedBy { get; set; }

    [BsonElement("closedAt")]
    public long? ClosedAt { get; set; }

    [BsonElement("workflowStarted")]
    public bool WorkflowStarted { get; set; }

    [BsonElement("vehicle")]
    [BsonIgnoreIfNull]
    public MongoVehicleDocument? Vehicle { get; set; }

    [BsonElement("timeline")]
    public List<TimelineLine> Timeline { get; set; } = [];

    public static MongoSosAlertDocument From(SosAlert alert, SosTimelineEntry raised)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new()
        {
            Id = alert.Id,
            RaisedBy = alert.RaisedBy,
            RaisedByPhone = alert.RaisedByPhone,
            IdempotencyKey = alert.IdempotencyKey,
            TripId = alert.TripId,
            DriverId = alert.DriverId,
            Lat = alert.Lat,
            Lng = alert.Lng,
            Note = alert.Note,
            RaisedAt = alert.RaisedAt.ToUnixTimeMilliseconds(),
            Contacts = [.. alert.TrustedContacts.Select(c => new Contact { Name = c.Name, Phone = c.Phone, Email = c.Email })],
            Status = alert.Status.WireName(),
            Vehicle = MongoVehicleDocument.From(alert.Vehicle),
            Timeline = [TimelineLine.From(raised)],
        };
    }

    public SosAlert ToAlert() => new(
        Id,
        RaisedBy,
        RaisedByPhone,
        IdempotencyKey,
        TripId,
        DriverId,
        Lat,
        Lng,
        Note,
        DateTimeOffset.FromUnixTimeMilliseconds(RaisedAt),
        [.. Contacts.Select(c => new SosContact(c.Name, c.Phone, c.Email))],
        Enum.Parse<SosStatus>(Status, ignoreCase: true),
        EscalationLevel,
        AcknowledgedBy,
        AcknowledgedAt is { } acknowledged ? DateTimeOffset.FromUnixTimeMilliseconds(acknowledged) : null,
        ClosedBy,
        ClosedAt is { } closed ? DateTimeOffset.FromUnixTimeMilliseconds(closed) : null,
        WorkflowStarted,
        Vehicle?.ToVehicle());

    public sealed class Contact
    {
        [BsonElement("name")]
        public string Name { get; set; } = string.Empty;

        [BsonElement("phone")]
        public string Phone { get; set; } = string.Empty;

        [BsonElement("email")]
        public string? Email { get; set; }
    }

    public sealed class TimelineLine
    {
        [BsonElement("at")]
        public long At { get; set; }

        [BsonElement("kind")]
        public string Kind { get; set; } = string.Empty;

        [BsonElement("channel")]
        public string? Channel { get; set; }

        [BsonElement("provider")]
        public string? Provider { get; set; }

        [BsonElement("recipient")]
        public string? Recipient { get; set; }

        [BsonElement("result")]
        public string? Result { get; set; }

        [BsonElement("detail")]
        public string? Detail { get; set; }

        public static TimelineLine From(SosTimelineEntry entry)
        {
            ArgumentNullException.ThrowIfNull(entry);
            return new()
            {
                At = entry.At.ToUnixTimeMilliseconds(),
                Kind = entry.Kind,
                Channel = entry.Channel,
                Provider = entry.Provider,
                Recipient = entry.Recipient,
                Result = entry.Result,
                Detail = entry.Detail,
            };
        }

        public SosTimelineEntry ToEntry() => new(DateTimeOffset.FromUnixTimeMilliseconds(At), Kind, Channel, Provider, Recipient, Result, Detail);
    }
}
