using HushRyd.Notifications.Storage;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Api;

/// <summary>A job as admins see it: queue, priority and status by name.</summary>
public sealed record JobView(
    string Id,
    string Queue,
    string Priority,
    string Status,
    string To,
    string? Subject,
    string Body,
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
    public static JobView From(NotificationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobView(
            job.Id,
            JobStatusNames.Of(job.Queue),
            job.Priority.ToString().ToLowerInvariant(),
            JobStatusNames.Of(job.Status),
            job.Message.To,
            job.Message.Subject,
            job.Message.Body,
            job.Attempts,
            job.MaxAttempts,
            job.LastError,
            job.Provider,
            job.ProviderMessageId,
            job.DedupeKey,
            job.CreatedAt,
            job.UpdatedAt,
            job.RunAt,
            job.FinishedAt);
    }
}
