using System.Globalization;

namespace HushRyd.Platform.Notifications;

/// <summary>The wording of the messages HushRyd sends, in one place. SMS texts stay within one or two segments.</summary>
public static class MessageTemplates
{
    public static OutgoingMessage Otp(string phone, string code, TimeSpan lifetime) =>
        new(NotificationChannelKind.Sms, phone, $"{code} is your HushRyd login code. It expires in {(int)Math.Ceiling(lifetime.TotalMinutes)} minutes. Never share it with anyone.");

    public static OutgoingMessage SosAlert(string phone, string travellerName, Uri trackingUrl)
    {
        ArgumentNullException.ThrowIfNull(trackingUrl);
        return new(NotificationChannelKind.Sms, phone, $"SOS from {travellerName} on HushRyd. Follow their trip live: {trackingUrl} If you cannot reach them, call 112.");
    }

    public static OutgoingMessage TripShared(string phone, string sharerName, Uri shareUrl)
    {
        ArgumentNullException.ThrowIfNull(shareUrl);
        return new(NotificationChannelKind.Sms, phone, $"{sharerName} shared a HushRyd trip with you. Follow it live: {shareUrl}");
    }

    public static OutgoingMessage BookingConfirmed(string email, string passengerName, string from, string to, DateTimeOffset departure, int seats) =>
        new(
            NotificationChannelKind.Email,
            email,
            $"""
            Hello {passengerName},

            Your booking of {seats} seat{(seats == 1 ? "" : "s")} from {from} to {to} is confirmed.
            Departure: {departure.ToString("dddd d MMMM yyyy, h:mm tt (UTCzzz)", CultureInfo.InvariantCulture)}.

            Share your trip with a trusted contact from the app before you leave.
            HushRyd
            """,
            $"Booking confirmed: {from} to {to}");
}
