using HushRyd.Notifications.Jobs;
using HushRyd.Platform.Events;

namespace HushRyd.Notifications.Forwarding;

public sealed class NotificationRequestedHandler(JobQueue queue) : IIntegrationEventHandler<NotificationRequested>
{
    public Task HandleAsync(NotificationRequested integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return queue.AddJobAsync(integrationEvent.JobId, integrationEvent.Message, integrationEvent.Priority, integrationEvent.DedupeKey, cancellationToken);
    }
}
