using HushRyd.Platform.Trips;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Notifying;

/// <summary>The realtime <c>sos</c> event (API.md: <c>{alertId, status, ...}</c>) and the on-call webhook's body.</summary>
public sealed record SosEventPayload(
    string AlertId,
    string Status,
    string RaisedBy,
    string? TripId,
    string? DriverId,
    TripVehicle? Vehicle,
    double Lat,
    double Lng,
    DateTimeOffset RaisedAt,
    int EscalationLevel,
    string? AcknowledgedBy)
{
    public static SosEventPayload Of(SosAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(alert.Id, alert.Status.WireName(), alert.RaisedBy, alert.TripId, alert.DriverId, alert.Vehicle, alert.Lat, alert.Lng, alert.RaisedAt, alert.EscalationLevel, alert.AcknowledgedBy);
    }
}
