using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Storage;

/// <summary>How statuses and queues are spelled in storage and on the wire.</summary>
public static class JobStatusNames
{
    public static string Of(JobStatus status) => status.ToString().ToLowerInvariant();

    public static JobStatus Parse(string name) => Enum.Parse<JobStatus>(name, ignoreCase: true);

    public static string Of(NotificationChannelKind queue) => queue.ToString().ToLowerInvariant();

    public static NotificationChannelKind ParseQueue(string name) => Enum.Parse<NotificationChannelKind>(name, ignoreCase: true);
}
