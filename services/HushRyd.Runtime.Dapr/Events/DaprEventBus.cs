using Dapr.Client;
using HushRyd.Platform.Events;

namespace HushRyd.Runtime.Dapr.Events;

/// <summary>Publishes through the sidecar; the pub/sub component (Redis locally, Kafka in production) makes it durable.</summary>
public sealed class DaprEventBus(DaprClient dapr) : IEventBus
{
    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);

        // Published as object so the sidecar receives the concrete event's fields, not the base record's.
        return dapr.PublishEventAsync<object>(DaprComponentNames.PubSub, EventTopics.For(integrationEvent.GetType()), integrationEvent, cancellationToken);
    }
}
