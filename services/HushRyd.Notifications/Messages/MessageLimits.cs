using System.Net.Mail;
using System.Text;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Messages;

/// <summary>What every provider would refuse anyway, refused before the job is stored so the caller hears it at once.</summary>
public static class MessageLimits
{
    /// <summary>Twilio's limit for one message; longer texts are refused rather than cut (a cut OTP or SOS text misleads).</summary>
    public const int MaxSmsCharacters = 1600;

    /// <summary>FCM's limit on a message's payload.</summary>
    public const int MaxPushBytes = 4096;

    public const int MaxEmailCharacters = 100_000;

    public static void Check(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Body))
        {
            throw new NotificationRejectedException("The message body is empty.");
        }

        switch (message.Channel)
        {
            case NotificationChannelKind.Sms when !PhoneNumber.IsE164(message.To):
                throw new NotificationRejectedException($"'{message.To}' is not a phone number SMS providers accept. {PhoneNumber.FormatHint}");
            case NotificationChannelKind.Sms when message.Body.Length > MaxSmsCharacters:
                throw new NotificationRejectedException($"The SMS has {message.Body.Length} characters; providers take at most {MaxSmsCharacters}. Shorten it or send a link.");
            case NotificationChannelKind.Email when !MailAddress.TryCreate(message.To, out _):
                throw new NotificationRejectedException($"'{message.To}' is not an email address.");
            case NotificationChannelKind.Email when message.Body.Length > MaxEmailCharacters:
                throw new NotificationRejectedException($"The email has {message.Body.Length} characters; at most {MaxEmailCharacters} are sent.");
            case NotificationChannelKind.Push when string.IsNullOrWhiteSpace(message.To):
                throw new NotificationRejectedException("A push message needs a device token.");
            case NotificationChannelKind.Push when Encoding.UTF8.GetByteCount(message.Body) + Encoding.UTF8.GetByteCount(message.Subject ?? "") > MaxPushBytes:
                throw new NotificationRejectedException($"The push message is over FCM's {MaxPushBytes}-byte payload limit.");
        }
    }
}
