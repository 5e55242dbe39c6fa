using System.Globalization;
using HushRyd.Notifications.Jobs;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Notifications.Storage;

/// <summary>
/// Jobs in the shared Redis under <c>--runtime dapr</c> (docs/adr/0007): Bull's wait, delayed, active, completed and failed
/// sets per queue, moved by atomic scripts. An active job holds a lease; when its worker dies the lease runs out and the
/// next claim on that queue, by any instance, puts it back in line.
/// </summary>
public sealed class RedisJobStore(IRedisConnection redis, IOptions<NotificationQueueOptions> options, TimeProvider time) : IJobStore
{
    private static readonly Dictionary<NotificationChannelKind, RedisJobKeys> Keys =
        Enum.GetValues<NotificationChannelKind>().ToDictionary(queue => queue, queue => new RedisJobKeys(queue));

    private IDatabase Db => redis.Multiplexer.GetDatabase();

    private long Retention => (long)options.Value.Retention.TotalMilliseconds;

    public async Task<NotificationJob> AddAsync(NewJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var keys = Keys[job.Message.Channel];
        var id = (string)(await Evaluate(RedisJobScripts.Add, new
        {
            prefix = keys.Prefix,
            seq = keys.Sequence,
            wait = keys.Wait,
            counts = keys.Counts,
            id = job.Id,
            priority = (int)job.Priority,
            to = job.Message.To,
            body = job.Message.Body,
            subject = job.Message.Subject ?? "",
            max = job.MaxAttempts,
            dedupe = job.DedupeKey ?? "",
            now = Now(),
            retention = Retention,
        }, cancellationToken))!;

        // Workers of every instance hear of the job at once instead of at their next idle wake-up.
        await redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisJobKeys.WakeChannel), JobStatusNames.Of(keys.Queue));
        return (await ReadAsync(keys, id))!;
    }

    public async Task<IReadOnlyList<NotificationJob>> ClaimAsync(NotificationChannelKind queue, int slots, int nonCriticalSlots, CancellationToken cancellationToken)
    {
        if (slots <= 0)
        {
            return [];
        }

        var keys = Keys[queue];
        var ids = (string[])(await Evaluate(RedisJobScripts.Claim, new
        {
            prefix = keys.Prefix,
            wait = keys.Wait,
            delayed = keys.Delayed,
            active = keys.Active,
            counts = keys.Counts,
            now = Now(),
            slots,
            nonCritical = Math.Max(0, nonCriticalSlots),
            lease = (long)options.Value.Lease.TotalMilliseconds,
        }, cancellationToken))!;
        var jobs = new List<NotificationJob>(ids.Length);
        foreach (var id in ids)
        {
            if (await ReadAsync(keys, id) is { } job)
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }

    public Task CompleteAsync(NotificationJob job, string provider, string providerMessageId, string? fallbackReason) =>
        FinishAsync(job, JobStatus.Completed, fallbackReason, provider, providerMessageId, Now());

    public Task RetryLaterAsync(NotificationJob job, DateTimeOffset runAt, string reason, string? provider) =>
        FinishAsync(job, JobStatus.Delayed, reason, provider, null, runAt.ToUnixTimeMilliseconds());

    public Task FailAsync(NotificationJob job, string reason, string? provider) =>
        FinishAsync(job, JobStatus.Failed, reason, provider, null, Now());

    private Task<RedisResult> FinishAsync(NotificationJob job, JobStatus status, string? reason, string? provider, string? messageId, long runAt)
    {
        ArgumentNullException.ThrowIfNull(job);
        var keys = Keys[job.Queue];
        var now = Now();
        return Evaluate(RedisJobScripts.Finish, new
        {
            prefix = keys.Prefix,
            active = keys.Active,
            counts = keys.Counts,
            completed = keys.Completed,
            failed = keys.Failed,
            delayed = keys.Delayed,
            id = job.Id,
            status = JobStatusNames.Of(status),
            now,
            runAt,
            finishedAt = status == JobStatus.Delayed ? "" : now.ToString(CultureInfo.InvariantCulture),
            messageId = messageId ?? "",
            reason = reason ?? "",
            provider = provider ?? "",
            retention = Retention,
        }, CancellationToken.None);
    }

    public async Task<bool> RetryFailedAsync(NotificationChannelKind queue, string jobId, CancellationToken cancellationToken)
    {
        var keys = Keys[queue];
        var retried = (long)await Evaluate(RedisJobScripts.RetryFailed, new
        {
            prefix = keys.Prefix,
            failed = keys.Failed,
            wait = keys.Wait,
            seq = keys.Sequence,
            counts = keys.Counts,
            id = jobId,
            now = Now(),
        }, cancellationToken) == 1;
        if (retried)
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisJobKeys.WakeChannel), JobStatusNames.Of(queue));
        }

        return retried;
    }

    /// <summary>Other instances may be sending right now, so only jobs whose lease ran out go back in line.</summary>
    public async Task<int> RequeueActiveAsync(CancellationToken cancellationToken)
    {
        var requeued = 0;
        foreach (var keys in Keys.Values)
        {
            requeued += (int)await Evaluate(RedisJobScripts.RequeueStalled, new
            {
                prefix = keys.Prefix,
                active = keys.Active,
                wait = keys.Wait,
                counts = keys.Counts,
                now = Now(),
            }, cancellationToken);
        }

        return requeued;
    }

    public async Task<DateTimeOffset?> NextDueAsync(NotificationChannelKind queue, CancellationToken cancellationToken)
    {
        var keys = Keys[queue];
        var delayed = await Db.SortedSetRangeByRankWithScoresAsync(keys.Delayed, 0, 0).WaitAsync(cancellationToken);
        var leases = await Db.SortedSetRangeByRankWithScoresAsync(keys.Active, 0, 0).WaitAsync(cancellationToken);
        var first = delayed.Concat(leases).Select(entry => (double?)entry.Score).Min();
        return first is { } due ? DateTimeOffset.FromUnixTimeMilliseconds((long)due) : null;
    }

    public async Task<NotificationJob?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        foreach (var keys in Keys.Values)
        {
            if (await ReadAsync(keys, jobId) is { } job)
            {
                return job;
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<NotificationJob>> FailedAsync(NotificationChannelKind queue, int limit, CancellationToken cancellationToken)
    {
        var keys = Keys[queue];
        var ids = await Db.SortedSetRangeByRankAsync(keys.Failed, 0, limit - 1, Order.Descending).WaitAsync(cancellationToken);
        var jobs = new List<NotificationJob>(ids.Length);
        foreach (var id in ids)
        {
            if (await ReadAsync(keys, id!) is { } job)
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }

    public async Task<IReadOnlyList<QueueCount>> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new List<QueueCount>();
        foreach (var keys in Keys.Values)
        {
            foreach (var entry in await Db.HashGetAllAsync(keys.Counts).WaitAsync(cancellationToken))
            {
                var (status, priority) = ((string)entry.Name!).Split(':') is [var s, var p] ? (s, p) : throw new InvalidOperationException($"unexpected count field {entry.Name}");
                counts.Add(new QueueCount(keys.Queue, (JobPriority)int.Parse(priority, CultureInfo.InvariantCulture), JobStatusNames.Parse(status), (long)entry.Value));
            }
        }

        return counts;
    }

    public async Task<IReadOnlyDictionary<NotificationChannelKind, long>> CompletedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var completed = new Dictionary<NotificationChannelKind, long>();
        foreach (var keys in Keys.Values)
        {
            completed[keys.Queue] = await Db.SortedSetLengthAsync(keys.Completed, since.ToUnixTimeMilliseconds()).WaitAsync(cancellationToken);
        }

        return completed;
    }

    private async Task<NotificationJob?> ReadAsync(RedisJobKeys keys, string id)
    {
        var fields = (await Db.HashGetAllAsync(keys.Job(id))).ToDictionary(e => (string)e.Name!, e => (string?)e.Value, StringComparer.Ordinal);
        if (fields.Count == 0)
        {
            return null;
        }

        string? Text(string name) => fields.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
        long Number(string name) => long.Parse(fields[name]!, CultureInfo.InvariantCulture);
        DateTimeOffset At(string name) => DateTimeOffset.FromUnixTimeMilliseconds(Number(name));
        return new NotificationJob(
            id,
            (JobPriority)Number("priority"),
            new OutgoingMessage(keys.Queue, fields["to"]!, fields["body"]!, Text("subject")),
            JobStatusNames.Parse(fields["status"]!),
            (int)Number("attempts"),
            (int)Number("max"),
            Text("lastError"),
            Text("provider"),
            Text("providerMessageId"),
            Text("dedupe"),
            At("createdAt"),
            At("updatedAt"),
            At("runAt"),
            Text("finishedAt") is null ? null : At("finishedAt"));
    }

    private Task<RedisResult> Evaluate(LuaScript script, object parameters, CancellationToken cancellationToken) =>
        script.EvaluateAsync(Db, parameters).WaitAsync(cancellationToken);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
