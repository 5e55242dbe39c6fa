using HushRyd.Platform.Notifications;
using HushRyd.Testing;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>Strict priority with the real workers: an SOS text added behind a backlog does not wait for it.</summary>
public sealed class PriorityUnderLoadTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_critical_job_added_behind_a_backlog_of_normal_ones_is_sent_before_the_backlog_drains()
    {
        using var host = await NotificationHost.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            ["Notifications:OutboxLatency"] = "00:00:00.040",
            ["Notifications:Queues:Concurrency:sms"] = "2",
        });
        var run = new SmsRun(host);
        var backlog = new List<NotificationJob>();
        for (var n = 0; n < 20; n++)
        {
            backlog.Add(await run.Queue.AddNormalAsync(SmsRun.Sms(n)));
        }

        var sos = await run.Queue.AddCriticalAsync(SmsRun.Sms(99));
        var ended = await run.EndedAsync([sos, .. backlog]);
        await host.StopAsync();

        // One slot is kept for critical jobs, so the SOS text starts at once: it ends before all but the first few normal ones.
        var normalsBefore = ended.Skip(1).Count(job => job.FinishedAt < ended[0].FinishedAt);
        Assert.True(normalsBefore <= 3, $"{normalsBefore} normal jobs finished before the critical one");
        Assert.True(ended[0].FinishedAt - sos.CreatedAt < TimeSpan.FromMilliseconds(400), $"the critical job took {ended[0].FinishedAt - sos.CreatedAt}");
    }

    public void Dispose() => _data.Dispose();
}
