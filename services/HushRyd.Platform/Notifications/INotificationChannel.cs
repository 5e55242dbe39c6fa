namespace HushRyd.Platform.Notifications;

/// <summary>One provider (Twilio, MSG91, SendGrid, Mailgun, FCM): sends one message to one recipient.</summary>
public interface INotificationChannel
{
    string Provider { get; }

    NotificationChannelKind Channel { get; }

    /// <summary>Completes once the provider accepted the message; throws when it did not.</summary>
    /// <param name="idempotencyKey">The same key for a repeated delivery, so a provider that remembers keys sends once.</param>
    /// <returns>The provider's id for the message.</returns>
    Task<string> SendAsync(OutgoingMessage message, string idempotencyKey, CancellationToken cancellationToken = default);
}
