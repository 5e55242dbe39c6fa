namespace HushRyd.Platform.Events;

/// <summary>Handles one event type. Delivery is at least once, so handlers must be idempotent.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
