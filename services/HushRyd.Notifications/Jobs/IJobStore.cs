using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Jobs;

/// <summary>
/// Where jobs live (SQLite embedded). A job moves waiting → active → completed, or back to delayed after a
/// failed attempt, or to failed after its last; a job left active by a crash is waiting again after restart.
/// </summary>
public interface IJobStore
{
    /// <summary>Completes once the job is durably stored; with a dedupe key already used, returns that job instead.</summary>
    Task<NotificationJob> AddAsync(NewJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Marks due jobs of one queue active and returns them, most urgent first and oldest first within a priority:
    /// up to <paramref name="slots"/> jobs, of which at most <paramref name="nonCriticalSlots"/> below critical.
    /// </summary>
    Task<IReadOnlyList<NotificationJob>> ClaimAsync(NotificationChannelKind queue, int slots, int nonCriticalSlots, CancellationToken cancellationToken);

    /// <param name="fallbackReason">Why the primary did not send it, when a fallback did.</param>
    Task CompleteAsync(NotificationJob job, string provider, string providerMessageId, string? fallbackReason);

    Task RetryLaterAsync(NotificationJob job, DateTimeOffset runAt, string reason, string? provider);

    Task FailAsync(NotificationJob job, string reason, string? provider);

    /// <returns>False when the queue holds no failed job with that id.</returns>
    Task<bool> RetryFailedAsync(NotificationChannelKind queue, string jobId, CancellationToken cancellationToken);

    /// <summary>At start-up: jobs a crash left active wait again (at-least-once).</summary>
    Task<int> RequeueActiveAsync(CancellationToken cancellationToken);

    /// <summary>When the earliest delayed job of the queue becomes due, if any.</summary>
    Task<DateTimeOffset?> NextDueAsync(NotificationChannelKind queue, CancellationToken cancellationToken);

    Task<NotificationJob?> GetAsync(string jobId, CancellationToken cancellationToken);

    Task<IReadOnlyList<NotificationJob>> FailedAsync(NotificationChannelKind queue, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueCount>> CountAsync(CancellationToken cancellationToken);

    /// <summary>Jobs per queue that completed at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyDictionary<NotificationChannelKind, long>> CompletedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
