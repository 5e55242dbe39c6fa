using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded.Notifications;

namespace HushRyd.Notifications.Providers;

/// <summary>The dev outbox standing in for one provider under that provider's name, failing when told to.</summary>
public sealed class OutboxProvider(ProviderRoute route, DevOutbox outbox, ProviderFaults faults) : INotificationChannel
{
    public string Provider => route.Provider;

    public NotificationChannelKind Channel => route.Channel;

    public async Task<string> SendAsync(OutgoingMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, cancellationToken);
        }

        faults.ThrowIfThisSendFails(route.Provider);

        return await outbox.AppendAsync(message, route.Provider, idempotencyKey, cancellationToken);
    }
}
