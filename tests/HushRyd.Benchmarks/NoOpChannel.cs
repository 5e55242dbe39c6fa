using HushRyd.Notifications.Providers;
using HushRyd.Platform.Notifications;

namespace HushRyd.Benchmarks;

/// <summary>A provider that accepts every message after <paramref name="latency"/>: the job engine's own cost, as BullMQ's empty processor measures it.</summary>
internal sealed class NoOpChannel(ProviderRoute route, TimeSpan latency) : INotificationChannel
{
    public string Provider => route.Provider;

    public NotificationChannelKind Channel => route.Channel;

    public async Task<string> SendAsync(OutgoingMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        return idempotencyKey;
    }
}
