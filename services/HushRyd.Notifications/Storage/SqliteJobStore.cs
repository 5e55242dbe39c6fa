using HushRyd.Notifications.Jobs;
using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;

namespace HushRyd.Notifications.Storage;

/// <summary>Jobs in the embedded database. Every change goes through the single writer, so an add is acknowledged only after its commit.</summary>
public sealed class SqliteJobStore(SqliteDatabase database, SqliteWriter writer, TimeProvider time) : IJobStore
{
    private const string Columns = "id, queue, priority, status, recipient, body, subject, attempts, max_attempts, last_error, provider, provider_message_id, dedupe_key, created_at, updated_at, run_at, finished_at";
    private static readonly string Waiting = JobStatusNames.Of(JobStatus.Waiting);
    private static readonly string Active = JobStatusNames.Of(JobStatus.Active);
    private static readonly string Delayed = JobStatusNames.Of(JobStatus.Delayed);
    private static readonly string Completed = JobStatusNames.Of(JobStatus.Completed);
    private static readonly string Failed = JobStatusNames.Of(JobStatus.Failed);

    public Task<NotificationJob> AddAsync(NewJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = Now();
        return writer.WriteAsync((connection, transaction) =>
        {
            connection.Execute(
                transaction,
                $"""
                INSERT INTO notification_jobs ({Columns})
                VALUES ($id, $queue, $priority, $waiting, $to, $body, $subject, 0, $max, NULL, NULL, NULL, $dedupe, $now, $now, $now, NULL)
                ON CONFLICT DO NOTHING;
                """,
                ("$id", job.Id),
                ("$queue", JobStatusNames.Of(job.Message.Channel)),
                ("$priority", (int)job.Priority),
                ("$waiting", Waiting),
                ("$to", job.Message.To),
                ("$body", job.Message.Body),
                ("$subject", job.Message.Subject),
                ("$max", job.MaxAttempts),
                ("$dedupe", job.DedupeKey),
                ("$now", now));
            return connection.ReadAll(
                transaction,
                $"SELECT {Columns} FROM notification_jobs WHERE id = $id OR (dedupe_key IS NOT NULL AND dedupe_key = $dedupe) ORDER BY seq LIMIT 1;",
                Read,
                ("$id", job.Id),
                ("$dedupe", job.DedupeKey)).Single();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<NotificationJob>> ClaimAsync(NotificationChannelKind queue, int slots, int nonCriticalSlots, CancellationToken cancellationToken)
    {
        var now = Now();
        var name = JobStatusNames.Of(queue);
        return writer.WriteAsync<IReadOnlyList<NotificationJob>>((connection, transaction) =>
        {
            var claimed = Claim(connection, transaction, name, "priority = 0", slots, now);
            var rest = Math.Min(slots - claimed.Count, nonCriticalSlots);
            if (rest > 0)
            {
                claimed.AddRange(Claim(connection, transaction, name, "priority > 0", rest, now));
            }

            return claimed;
        }, cancellationToken);
    }

    private static List<NotificationJob> Claim(SqliteConnection connection, SqliteTransaction transaction, string queue, string priorityFilter, int limit, long now)
    {
        if (limit <= 0)
        {
            return [];
        }

        var jobs = connection.ReadAll(
            transaction,
            $"""
            UPDATE notification_jobs SET status = $active, updated_at = $now
            WHERE seq IN (
                SELECT seq FROM notification_jobs
                WHERE queue = $queue AND status IN ($waiting, $delayed) AND {priorityFilter} AND run_at <= $now
                ORDER BY priority, seq LIMIT $limit)
            RETURNING seq, {Columns};
            """,
            reader => (Seq: reader.GetInt64(0), Job: Read(reader, 1)),
            ("$active", Active),
            ("$now", now),
            ("$queue", queue),
            ("$waiting", Waiting),
            ("$delayed", Delayed),
            ("$limit", limit));

        // RETURNING yields rows in no promised order; callers start jobs in queue order.
        return jobs.OrderBy(j => j.Job.Priority).ThenBy(j => j.Seq).Select(j => j.Job).ToList();
    }

    public Task CompleteAsync(NotificationJob job, string provider, string providerMessageId, string? fallbackReason) =>
        Finish(job, Completed, fallbackReason, provider, providerMessageId, Now(), Now());

    public Task RetryLaterAsync(NotificationJob job, DateTimeOffset runAt, string reason, string? provider) =>
        Finish(job, Delayed, reason, provider, null, runAt.ToUnixTimeMilliseconds(), null);

    public Task FailAsync(NotificationJob job, string reason, string? provider) =>
        Finish(job, Failed, reason, provider, null, Now(), Now());

    private Task<int> Finish(NotificationJob job, string status, string? error, string? provider, string? providerMessageId, long runAt, long? finishedAt)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = Now();
        return writer.WriteAsync((connection, transaction) => connection.Execute(
            transaction,
            """
            UPDATE notification_jobs
            SET status = $status, attempts = attempts + 1, last_error = coalesce($error, last_error), provider = coalesce($provider, provider),
                provider_message_id = $messageId, updated_at = $now, run_at = $runAt, finished_at = $finishedAt
            WHERE id = $id AND status = $active;
            """,
            ("$status", status),
            ("$error", error),
            ("$provider", provider),
            ("$messageId", providerMessageId),
            ("$now", now),
            ("$runAt", runAt),
            ("$finishedAt", finishedAt),
            ("$id", job.Id),
            ("$active", Active)));
    }

    public Task<bool> RetryFailedAsync(NotificationChannelKind queue, string jobId, CancellationToken cancellationToken)
    {
        var now = Now();
        return writer.WriteAsync((connection, transaction) => connection.Execute(
            transaction,
            """
            UPDATE notification_jobs SET status = $waiting, attempts = 0, run_at = $now, updated_at = $now, finished_at = NULL
            WHERE id = $id AND queue = $queue AND status = $failed;
            """,
            ("$waiting", Waiting),
            ("$now", now),
            ("$id", jobId),
            ("$queue", JobStatusNames.Of(queue)),
            ("$failed", Failed)) == 1, cancellationToken);
    }

    public Task<int> RequeueActiveAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        return writer.WriteAsync((connection, transaction) => connection.Execute(
            transaction,
            "UPDATE notification_jobs SET status = $waiting, updated_at = $now WHERE status = $active;",
            ("$waiting", Waiting),
            ("$now", now),
            ("$active", Active)), cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(NotificationChannelKind queue, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = connection.Command(
            "SELECT min(run_at) FROM notification_jobs WHERE queue = $queue AND status = $delayed;",
            null,
            ("$queue", JobStatusNames.Of(queue)),
            ("$delayed", Delayed));
        return await query.ExecuteScalarAsync(cancellationToken) is long due ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null;
    }

    public async Task<NotificationJob?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(null, $"SELECT {Columns} FROM notification_jobs WHERE id = $id;", Read, ("$id", jobId)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<NotificationJob>> FailedAsync(NotificationChannelKind queue, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            $"SELECT {Columns} FROM notification_jobs WHERE queue = $queue AND status = $failed ORDER BY finished_at DESC LIMIT $limit;",
            Read,
            ("$queue", JobStatusNames.Of(queue)),
            ("$failed", Failed),
            ("$limit", limit));
    }

    public async Task<IReadOnlyList<QueueCount>> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            "SELECT queue, priority, status, count(*) FROM notification_jobs GROUP BY queue, priority, status;",
            reader => new QueueCount(JobStatusNames.ParseQueue(reader.GetString(0)), (JobPriority)reader.GetInt32(1), JobStatusNames.Parse(reader.GetString(2)), reader.GetInt64(3)));
    }

    public async Task<IReadOnlyDictionary<NotificationChannelKind, long>> CompletedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            "SELECT queue, count(*) FROM notification_jobs WHERE status = $completed AND finished_at >= $since GROUP BY queue;",
            reader => (Queue: JobStatusNames.ParseQueue(reader.GetString(0)), Count: reader.GetInt64(1)),
            ("$completed", Completed),
            ("$since", since.ToUnixTimeMilliseconds())).ToDictionary(row => row.Queue, row => row.Count);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static NotificationJob Read(SqliteDataReader reader) => Read(reader, 0);

    private static NotificationJob Read(SqliteDataReader reader, int first)
    {
        string? Text(int column) => reader.IsDBNull(first + column) ? null : reader.GetString(first + column);
        DateTimeOffset At(int column) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first + column));
        var queue = JobStatusNames.ParseQueue(reader.GetString(first + 1));
        return new NotificationJob(
            reader.GetString(first),
            (JobPriority)reader.GetInt32(first + 2),
            new OutgoingMessage(queue, reader.GetString(first + 4), reader.GetString(first + 5), Text(6)),
            JobStatusNames.Parse(reader.GetString(first + 3)),
            reader.GetInt32(first + 7),
            reader.GetInt32(first + 8),
            Text(9),
            Text(10),
            Text(11),
            Text(12),
            At(13),
            At(14),
            At(15),
            reader.IsDBNull(first + 16) ? null : At(16));
    }
}
