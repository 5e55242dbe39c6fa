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

        // One slot is kept for critical jobs, so the SOS text starts at once: only the other slot's normal jobs finish
        // between its add and its send (one when the machine is idle; a loaded CI runner can stretch the critical send over
        // two or three of their 40 ms sends), while most of the backlog is still waiting. In order, it would wait for all 20.
        var sent = ended[0].FinishedAt!.Value;
        var overtaking = ended.Skip(1).Count(job => job.FinishedAt > sos.CreatedAt && job.FinishedAt < sent);
        var after = ended.Skip(1).Count(job => job.FinishedAt > sent);
        Assert.True(overtaking <= 3, $"{overtaking} normal jobs finished while the critical one waited");
        Assert.True(after >= 10, $"only {after} normal jobs were still waiting; the backlog drained too fast to tell");
        Assert.True(sent - sos.CreatedAt < TimeSpan.FromSeconds(1), $"the critical job took {sent - sos.CreatedAt}");
    }

    public void Dispose() => _data.Dispose();
}
