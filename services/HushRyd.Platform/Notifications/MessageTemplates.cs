using System.Globalization;
using HushRyd.Platform.Trips;

namespace HushRyd.Platform.Notifications;

/// <summary>The wording of the messages HushRyd sends, in one place. SMS texts stay within one or two segments.</summary>
public static class MessageTemplates
{
    public static OutgoingMessage Otp(string phone, string code, TimeSpan lifetime) =>
        new(NotificationChannelKind.Sms, phone, $"{code} is your HushRyd login code. It expires in {(int)Math.Ceiling(lifetime.TotalMinutes)} minutes. Never share it with anyone.");

    /// <summary>The car comes right after who: with the live link it is what a contact (or the police they call) acts on.</summary>
    public static OutgoingMessage SosAlert(string phone, string travellerName, Uri trackingUrl, TripVehicle? vehicle)
    {
        ArgumentNullException.ThrowIfNull(trackingUrl);
        return new(
            NotificationChannelKind.Sms,
            phone,
            $"SOS from {travellerName} on HushRyd. Car: {TripVehicle.Describe(vehicle)}. Follow their trip live: {trackingUrl} If you cannot reach them, call 112.");
    }

    public static OutgoingMessage TripShared(string phone, string sharerName, Uri shareUrl)
    {
        ArgumentNullException.ThrowIfNull(shareUrl);
        return new(NotificationChannelKind.Sms, phone, $"{sharerName} shared a HushRyd trip with you. Follow it live: {shareUrl}");
    }

    /// <summary>By SMS, as users sign in with a phone and need not give an email; the time is India's.</summary>
    public static OutgoingMessage BookingConfirmed(string phone, string from, string to, DateTimeOffset departure, int seats) =>
        new(
            NotificationChannelKind.Sms,
            phone,
            string.Create(
                CultureInfo.InvariantCulture,
                $"HushRyd: {seats} seat{(seats == 1 ? "" : "s")} booked from {from} to {to}, leaving {departure.ToOffset(IndiaTime):ddd d MMM, h:mm tt} IST. Share your trip with a trusted contact before you go."));

    private static readonly TimeSpan IndiaTime = TimeSpan.FromHours(5.5);
}
