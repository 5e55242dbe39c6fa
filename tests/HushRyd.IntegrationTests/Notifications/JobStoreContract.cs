using HushRyd.Notifications.Jobs;
using HushRyd.Platform.Notifications;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>What every job store does, whichever engine holds the jobs.</summary>
public sealed class JobStoreContract
{
    public static Task<NotificationJob> AddAsync(IJobStore store, NotificationChannelKind queue, JobPriority priority, int n, string? dedupeKey = null, int maxAttempts = 3)
    {
        ArgumentNullException.ThrowIfNull(store);
        var to = queue == NotificationChannelKind.Sms ? $"+9198{n:D8}" : "rider@example.com";
        return store.AddAsync(new NewJob(JobIds.New(), priority, new OutgoingMessage(queue, to, $"message {n}", queue == NotificationChannelKind.Email ? "Subject" : null), maxAttempts, dedupeKey), CancellationToken.None);
    }

    [SkippableTheory]
    [InlineData(JobStoreKind.Sqlite)]
    [InlineData(JobStoreKind.Garnet)]
    [InlineData(JobStoreKind.RedisServer)]
    public async Task A_job_keeps_what_it_was_given_and_a_used_dedupe_key_returns_it_again(JobStoreKind kind)
    {
        await using var engine = await JobStoreUnderTest.StartAsync(kind);

        var added = await AddAsync(engine.Store, NotificationChannelKind.Email, JobPriority.High, 1, "booking:42");
        var again = await AddAsync(engine.Store, NotificationChannelKind.Email, JobPriority.High, 2, "booking:42");

        Assert.Equal(added, again);
        Assert.Equal((JobStatus.Waiting, 0, 3, "booking:42"), (added.Status, added.Attempts, added.MaxAttempts, added.DedupeKey));
        Assert.Equal(new OutgoingMessage(NotificationChannelKind.Email, "rider@example.com", "message 1", "Subject"), added.Message);
        Assert.Equal(added, await engine.Store.GetAsync(added.Id, CancellationToken.None));
    }

    [SkippableTheory]
    [InlineData(JobStoreKind.Sqlite)]
    [InlineData(JobStoreKind.Garnet)]
    [InlineData(JobStoreKind.RedisServer)]
    public async Task A_job_goes_active_delayed_active_failed_and_after_an_admins_retry_completed_with_counts_to_match(JobStoreKind kind)
    {
        await using var engine = await JobStoreUnderTest.StartAsync(kind);
        var store = engine.Store;
        var job = await AddAsync(store, NotificationChannelKind.Sms, JobPriority.Critical, 1, maxAttempts: 2);

        var claimed = Assert.Single(await store.ClaimAsync(NotificationChannelKind.Sms, 4, 4, CancellationToken.None));
        await store.RetryLaterAsync(claimed, DateTimeOffset.UtcNow.AddMilliseconds(100), "twilio: down", "msg91");
        var delayed = await store.GetAsync(job.Id, CancellationToken.None);
        Assert.Empty(await store.ClaimAsync(NotificationChannelKind.Sms, 4, 4, CancellationToken.None));
        Assert.NotNull(await store.NextDueAsync(NotificationChannelKind.Sms, CancellationToken.None));
        await Task.Delay(150);
        var again = Assert.Single(await store.ClaimAsync(NotificationChannelKind.Sms, 4, 4, CancellationToken.None));
        await store.FailAsync(again, "msg91: down", "msg91");
        var failed = await store.GetAsync(job.Id, CancellationToken.None);
        var failedList = await store.FailedAsync(NotificationChannelKind.Sms, 10, CancellationToken.None);
        Assert.True(await store.RetryFailedAsync(NotificationChannelKind.Sms, job.Id, CancellationToken.None));
        Assert.False(await store.RetryFailedAsync(NotificationChannelKind.Sms, job.Id, CancellationToken.None));
        var retried = Assert.Single(await store.ClaimAsync(NotificationChannelKind.Sms, 4, 4, CancellationToken.None));
        await store.CompleteAsync(retried, "twilio", "SM123", null);
        var completed = (await store.GetAsync(job.Id, CancellationToken.None))!;

        Assert.Equal((JobStatus.Delayed, 1, "twilio: down", "msg91"), (delayed!.Status, delayed.Attempts, delayed.LastError, delayed.Provider));
        Assert.Equal((JobStatus.Failed, 2, "msg91: down"), (failed!.Status, failed.Attempts, failed.LastError));
        Assert.Equal([job.Id], failedList.Select(j => j.Id));
        Assert.Equal((JobStatus.Completed, 1, "twilio", "SM123"), (completed.Status, completed.Attempts, completed.Provider, completed.ProviderMessageId));
        Assert.NotNull(completed.FinishedAt);
        var counts = (await store.CountAsync(CancellationToken.None)).Where(c => c.Count != 0).ToList();
        Assert.Equal([new QueueCount(NotificationChannelKind.Sms, JobPriority.Critical, JobStatus.Completed, 1)], counts);
        Assert.Equal(1, (await store.CompletedSinceAsync(DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None))[NotificationChannelKind.Sms]);
    }

    [SkippableTheory]
    [InlineData(JobStoreKind.Sqlite)]
    [InlineData(JobStoreKind.Garnet)]
    [InlineData(JobStoreKind.RedisServer)]
    public async Task A_job_whose_worker_died_while_it_was_active_is_taken_again(JobStoreKind kind)
    {
        await using var engine = await JobStoreUnderTest.StartAsync(kind, lease: TimeSpan.FromMilliseconds(50));
        var job = await AddAsync(engine.Store, NotificationChannelKind.Push, JobPriority.Normal, 1);
        Assert.Single(await engine.Store.ClaimAsync(NotificationChannelKind.Push, 1, 1, CancellationToken.None));

        await Task.Delay(100);
        var requeued = await engine.Store.RequeueActiveAsync(CancellationToken.None);
        var retaken = Assert.Single(await engine.Store.ClaimAsync(NotificationChannelKind.Push, 1, 1, CancellationToken.None));

        Assert.Equal(1, requeued);
        Assert.Equal((job.Id, JobStatus.Active, 0), (retaken.Id, retaken.Status, retaken.Attempts));
    }
}
