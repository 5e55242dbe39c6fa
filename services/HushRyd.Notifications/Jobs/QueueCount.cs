using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Jobs;

/// <summary>How many jobs of one queue and priority are in one status.</summary>
public sealed record QueueCount(NotificationChannelKind Queue, JobPriority Priority, JobStatus Status, long Count);
