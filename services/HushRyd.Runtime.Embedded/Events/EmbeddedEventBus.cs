using HushRyd.Platform.Events;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.Events;

/// <summary>Publishing commits the event and its deliveries to SQLite before returning, then wakes the dispatcher.</summary>
public sealed class EmbeddedEventBus(
    SqliteEventLog log,
    IEnumerable<EventSubscription> subscriptions,
    EventDispatchSignal signal,
    EventBusMetrics metrics,
    ILogger<EmbeddedEventBus> logger) : IEventBus
{
    private readonly ILookup<string, string> _subscriptionsByTopic = subscriptions.ToLookup(s => s.Topic, s => s.Name, StringComparer.Ordinal);

    public async Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var topic = EventTopics.For(integrationEvent.GetType());
        var subscribers = _subscriptionsByTopic[topic].ToArray();
        if (subscribers.Length == 0)
        {
            logger.LogDebug("No subscription for {Topic}; event {EventId} has no one to reach", topic, integrationEvent.Id);
            return;
        }

        var appended = await log.AppendAsync(integrationEvent.Id.ToString(), topic, EventJson.Serialize(integrationEvent), subscribers, cancellationToken);
        if (appended)
        {
            metrics.Published(topic);
            signal.Wake();
        }
    }
}
