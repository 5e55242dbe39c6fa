namespace HushRyd.Platform.Notifications;

/// <summary>
/// The seed's message queue: a completed add means the job is durably stored and will end completed or failed,
/// delivered at least once. The queue is the message's channel (sms, email, push).
/// </summary>
public interface INotificationQueue
{
    /// <param name="dedupeKey">Adding again with the same key returns the job already added instead of a second one.</param>
    Task<NotificationJob> AddJobAsync(OutgoingMessage message, JobPriority priority, string? dedupeKey = null, CancellationToken cancellationToken = default);
}
