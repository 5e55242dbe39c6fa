using HushRyd.Platform.Trips;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Sos.Api;

/// <summary>
/// An alert as its raiser and admins see it; a trusted contact following the share link sees it without phone, contacts and
/// timeline, but with the vehicle: which car to look for is what they need most.
/// </summary>
public sealed record SosAlertView(
    string AlertId,
    string Status,
    string RaisedBy,
    string? RaisedByPhone,
    string? TripId,
    string? DriverId,
    TripVehicle? Vehicle,
    double Lat,
    double Lng,
    string? Note,
    DateTimeOffset RaisedAt,
    int EscalationLevel,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<SosContact>? TrustedContacts,
    IReadOnlyList<SosTimelineEntry>? Timeline)
{
    public static SosAlertView Of(SosAlert alert, IReadOnlyList<SosTimelineEntry>? timeline, bool forTrustedContact = false)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(
            alert.Id, alert.Status.WireName(), alert.RaisedBy, forTrustedContact ? null : alert.RaisedByPhone, alert.TripId, alert.DriverId, alert.Vehicle, alert.Lat, alert.Lng, alert.Note, alert.RaisedAt,
            alert.EscalationLevel, alert.AcknowledgedBy, alert.AcknowledgedAt, alert.ClosedBy, alert.ClosedAt,
            timeline is null || forTrustedContact ? null : alert.TrustedContacts, timeline);
    }
}
