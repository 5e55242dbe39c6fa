using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Messages;
using HushRyd.Platform.Events;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Forwarding;

/// <summary>
/// The queue in a process that does not run the notifications module: the job is published as an event, and the
/// module stores it under the id given here, so a publish retried or delivered twice is still one job.
/// </summary>
public sealed class ForwardingNotificationQueue(IEventBus events, TimeProvider time) : INotificationQueue
{
    public async Task<NotificationJob> AddJobAsync(OutgoingMessage message, JobPriority priority, string? dedupeKey = null, CancellationToken cancellationToken = default)
    {
        MessageLimits.Check(message);
        var jobId = JobIds.New();
        await events.PublishAsync(new NotificationRequested(jobId, message, priority, dedupeKey), cancellationToken);
        var now = time.GetUtcNow();
        return new NotificationJob(jobId, priority, message, JobStatus.Waiting, 0, 0, null, null, null, dedupeKey, now, now, now, null);
    }
}
