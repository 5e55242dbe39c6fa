namespace HushRyd.Platform.Notifications;

/// <summary>One message to deliver and what happened to it so far.</summary>
public sealed record NotificationJob(
    string Id,
    JobPriority Priority,
    OutgoingMessage Message,
    JobStatus Status,
    int Attempts,
    int MaxAttempts,
    string? LastError,
    string? Provider,
    string? ProviderMessageId,
    string? DedupeKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset RunAt,
    DateTimeOffset? FinishedAt)
{
    public NotificationChannelKind Queue => Message.Channel;
}
