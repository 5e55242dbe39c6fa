namespace HushRyd.Platform.Events;

/// <summary>
/// Publishes integration events. A completed publish means the event is durably accepted and will be
/// delivered at least once to every subscription of its topic, or dead-lettered after its retries.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default);
}
