using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Jobs;

/// <summary>A job as the caller hands it over, before the store has seen it.</summary>
public sealed record NewJob(string Id, JobPriority Priority, OutgoingMessage Message, int MaxAttempts, string? DedupeKey);
