using HushRyd.Notifications.Jobs;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace HushRyd.Notifications.Storage;

/// <summary>Wakes this instance's workers when any instance adds a job, so a shared queue needs no polling.</summary>
public sealed class RedisJobWakeups(IRedisConnection redis, QueueSignals signals) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(RedisJobKeys.WakeChannel);

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.Multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, queue) =>
        {
            if (Enum.TryParse<NotificationChannelKind>(queue, ignoreCase: true, out var kind))
            {
                signals.Wake(kind);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.Multiplexer.GetSubscriber().UnsubscribeAsync(Channel);
}
