namespace HushRyd.Platform.Notifications;

/// <summary>The seed's addCriticalJob / addHighPriorityJob / addNormalJob.</summary>
public static class NotificationQueueExtensions
{
    public static Task<NotificationJob> AddCriticalAsync(this INotificationQueue queue, OutgoingMessage message, string? dedupeKey = null, CancellationToken cancellationToken = default) =>
        Add(queue, message, JobPriority.Critical, dedupeKey, cancellationToken);

    public static Task<NotificationJob> AddHighPriorityAsync(this INotificationQueue queue, OutgoingMessage message, string? dedupeKey = null, CancellationToken cancellationToken = default) =>
        Add(queue, message, JobPriority.High, dedupeKey, cancellationToken);

    public static Task<NotificationJob> AddNormalAsync(this INotificationQueue queue, OutgoingMessage message, string? dedupeKey = null, CancellationToken cancellationToken = default) =>
        Add(queue, message, JobPriority.Normal, dedupeKey, cancellationToken);

    private static Task<NotificationJob> Add(INotificationQueue queue, OutgoingMessage message, JobPriority priority, string? dedupeKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return queue.AddJobAsync(message, priority, dedupeKey, cancellationToken);
    }
}
