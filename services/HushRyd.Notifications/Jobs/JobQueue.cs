using HushRyd.Notifications.Messages;
using HushRyd.Platform.Notifications;
using Microsoft.Extensions.Options;

namespace HushRyd.Notifications.Jobs;

/// <summary>The queue other modules add jobs to in this process: checked, stored, and its queue's workers woken.</summary>
public sealed class JobQueue(IJobStore store, QueueSignals signals, NotificationMetrics metrics, IOptions<NotificationQueueOptions> options) : INotificationQueue
{
    public Task<NotificationJob> AddJobAsync(OutgoingMessage message, JobPriority priority, string? dedupeKey = null, CancellationToken cancellationToken = default) =>
        AddJobAsync(JobIds.New(), message, priority, dedupeKey, cancellationToken);

    /// <summary>With the caller's id, so a forwarded job delivered twice is stored once.</summary>
    public async Task<NotificationJob> AddJobAsync(string jobId, OutgoingMessage message, JobPriority priority, string? dedupeKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Enum.IsDefined(priority))
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "Use critical, high or normal.");
        }

        MessageLimits.Check(message);
        var job = await store.AddAsync(new NewJob(jobId, priority, message, options.Value.MaxAttemptsOf(priority), dedupeKey), cancellationToken);
        if (job.Id == jobId)
        {
            metrics.Added(job);
        }

        signals.Wake(job.Queue);
        return job;
    }

    /// <summary>An admin's retry: the failed job waits again with its attempts reset.</summary>
    /// <returns>The job as it now is, or null when the queue holds no failed job with that id.</returns>
    public async Task<NotificationJob?> RetryFailedAsync(NotificationChannelKind queue, string jobId, CancellationToken cancellationToken)
    {
        if (!await store.RetryFailedAsync(queue, jobId, cancellationToken))
        {
            return null;
        }

        signals.Wake(queue);
        return await store.GetAsync(jobId, cancellationToken);
    }
}
