namespace HushRyd.Platform.Notifications;

/// <summary>Sends one message to one recipient. Completes once the provider accepted it; throws when it did not.</summary>
public interface INotificationChannel
{
    string Provider { get; }

    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}
