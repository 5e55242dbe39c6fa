using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Storage;
using HushRyd.Platform.Http;
using HushRyd.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Notifications.Api;

/// <summary>API.md "Queues": counts per queue and priority, failed jobs, and an admin's retry of one.</summary>
public static class QueueEndpoints
{
    public static void MapQueueEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/v1/queues").WithTags("Admin");
        group.MapGet("/", async (QueueStatistics statistics, CancellationToken cancellationToken) => TypedResults.Ok(await statistics.ReadAsync(cancellationToken)))
            .WithSummary("Waiting, active, completed, failed and delayed jobs per queue and priority; throughput; breaker state per provider");
        group.MapGet("/{queue}/failed", ListFailedAsync).WithSummary("Jobs whose every attempt failed, newest first");
        group.MapPost("/{queue}/failed/{jobId}/retry", RetryAsync).WithSummary("Put a failed job back in line with its attempts reset");
    }

    private static async Task<Results<Ok<JobView[]>, ProblemHttpResult>> ListFailedAsync(string queue, int? limit, IJobStore store, CancellationToken cancellationToken) =>
        ParseQueue(queue) is { } kind
            ? TypedResults.Ok((await store.FailedAsync(kind, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken)).Select(JobView.From).ToArray())
            : UnknownQueue();

    private static async Task<Results<Accepted<JobView>, ProblemHttpResult>> RetryAsync(string queue, string jobId, JobQueue jobs, CancellationToken cancellationToken)
    {
        if (ParseQueue(queue) is not { } kind)
        {
            return UnknownQueue();
        }

        return await jobs.RetryFailedAsync(kind, jobId, cancellationToken) is { } job
            ? TypedResults.Accepted((string?)null, JobView.From(job))
            : Problems.NotFound($"Failed job {jobId} in the {queue} queue");
    }

    private static NotificationChannelKind? ParseQueue(string queue) =>
        Enum.TryParse<NotificationChannelKind>(queue, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(queue, out _) ? kind : null;

    private static ProblemHttpResult UnknownQueue() => Problems.Validation("queue", "Use sms, email or push.");
}
