using System.Globalization;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Trips;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Notifying;

/// <summary>The SOS wording beyond the trusted contact's SMS (<see cref="MessageTemplates.SosAlert"/>).</summary>
public static class SosMessages
{
    public static Uri MapOf(SosAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://maps.google.com/?q={alert.Lat:R},{alert.Lng:R}"));
    }

    public static string RaiserOf(SosAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.RaisedByPhone ?? "a HushRyd traveller";
    }

    /// <summary>The vehicle recorded on the alert at raise time, or that none was given.</summary>
    public static string CarOf(SosAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return TripVehicle.Describe(alert.Vehicle);
    }

    public static OutgoingMessage Push(string to, SosAlert alert, Uri trackingUrl) =>
        new(NotificationChannelKind.Push, to, $"SOS from {RaiserOf(alert)}. Car: {CarOf(alert)}. Follow live: {trackingUrl}", "HushRyd SOS");

    public static OutgoingMessage DeskEmail(string to, SosAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(
            NotificationChannelKind.Email,
            to,
            $"""
            SOS {alert.Id} raised by {RaiserOf(alert)} (user {alert.RaisedBy}) at {alert.RaisedAt:u}.
            Trip: {alert.TripId ?? "none"}; driver: {alert.DriverId ?? "unknown"}; vehicle: {CarOf(alert)}.
            Position: {MapOf(alert)}
            Note: {alert.Note ?? "none"}
            Acknowledge it from the desk: POST /admin/v1/sos/{alert.Id}/acknowledge
            """,
            $"SOS {alert.Id}");
    }

    public static OutgoingMessage Escalation(string phone, SosAlert alert, int level)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(NotificationChannelKind.Sms, phone, $"HushRyd SOS {alert.Id} from {RaiserOf(alert)} is NOT acknowledged (page {level}). Car: {CarOf(alert)}. Position: {MapOf(alert)} Act now.");
    }

    public static OutgoingMessage Closed(string phone, SosAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var how = alert.Status == SosStatus.Cancelled ? "was cancelled by the traveller (false alarm)" : "has been resolved by the HushRyd safety desk";
        return new(NotificationChannelKind.Sms, phone, $"HushRyd: the SOS from {RaiserOf(alert)} {how}.");
    }
}
