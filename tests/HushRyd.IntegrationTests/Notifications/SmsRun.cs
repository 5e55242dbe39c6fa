using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Providers;
using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded.Notifications;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>Adds SMS jobs to a running notifications host and waits for each to end, then reads what the outbox got.</summary>
public sealed class SmsRun(IHost host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public JobQueue Queue => host.Services.GetRequiredService<JobQueue>();

    public IJobStore Store => host.Services.GetRequiredService<IJobStore>();

    public ProviderFaults Faults => host.Services.GetRequiredService<ProviderFaults>();

    public ProviderBreaker Breaker(string provider) => host.Services.GetRequiredService<ProviderChain>().Breakers.Single(b => b.Provider == provider);

    public static OutgoingMessage Sms(int n) => new(NotificationChannelKind.Sms, $"+9198{n:D8}", $"message {n}");

    /// <summary>Waits until every job is completed or failed; returns them as stored then.</summary>
    public async Task<List<NotificationJob>> EndedAsync(IEnumerable<NotificationJob> jobs)
    {
        var ended = new List<NotificationJob>();
        var ids = jobs.Select(j => j.Id).ToList();
        Assert.True(
            await Eventually.HoldsAsync(
                async () =>
                {
                    ended = [];
                    foreach (var id in ids)
                    {
                        ended.Add((await Store.GetAsync(id, CancellationToken.None))!);
                    }

                    return ended.TrueForAll(j => j.Status is JobStatus.Completed or JobStatus.Failed);
                },
                Patience,
                TimeSpan.FromMilliseconds(20)),
            $"jobs still open: {string.Join(", ", ended.Where(j => j.Status is not (JobStatus.Completed or JobStatus.Failed)).Select(j => $"{j.Id} {j.Status} after {j.Attempts}"))}");
        return ended;
    }

    public async Task<NotificationJob> SendOneAsync(int n) => (await EndedAsync([await Queue.AddHighPriorityAsync(Sms(n))]))[0];

    public Task<IReadOnlyList<OutboxEntry>> OutboxAsync() =>
        host.Services.GetRequiredService<DevOutbox>().ReadAsync(NotificationChannelKind.Sms, null, 10_000, CancellationToken.None);
}
