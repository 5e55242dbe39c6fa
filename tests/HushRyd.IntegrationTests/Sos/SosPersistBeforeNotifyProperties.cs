using FsCheck.Xunit;
using HushRyd.Platform.Notifications;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>
/// Property 3 (seed): for any schedule of store failures, provider failures and acknowledgement times (stored at one
/// moment, its workflow event late or lost), no notification is attempted before the alert is persisted, a failed
/// persist notifies nobody, and the roster is paged exactly once per timeout that ran out before the acknowledgement.
/// </summary>
public sealed class SosPersistBeforeNotifyProperties
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Property(MaxTest = 50)]
    public void Nothing_is_notified_before_the_alert_is_stored_and_paging_happens_exactly_when_no_acknowledgement_came_in_time(
        bool storeFails, byte failingChannels, bool acknowledged, ushort ackTenthsOfSecond, byte eventDelaySeconds, bool eventLost)
    {
        RunAsync(storeFails, failingChannels, acknowledged, ackTenthsOfSecond, eventDelaySeconds, eventLost).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(bool storeFails, byte failingChannels, bool acknowledged, ushort ackTenthsOfSecond, byte eventDelaySeconds, bool eventLost)
    {
        await using var sos = await SosHarness.StartAsync(Timeout);
        sos.Store.FailCreates = storeFails;
        sos.Queue.Fails = message => (failingChannels & (1 << (int)message.Channel)) != 0;
        var raised = await sos.RaiseAsync("tap");

        if (storeFails)
        {
            Assert.Null(raised.Stored);
            Assert.Empty(sos.Log.Entries);
            Assert.Empty(sos.Workflows.Started);
            return;
        }

        var alertId = raised.Stored!.Alert.Id;
        var context = sos.ContextFor(alertId);
        var start = sos.Clock.GetUtcNow();
        // FsCheck keeps numbers near its size (100): spread them over ten timeouts, off the timer instants (a tie has no defined order).
        var ackAt = start + TimeSpan.FromMilliseconds((ackTenthsOfSecond * 11_987 % 1_200_000) + 1);
        var resolveAt = acknowledged ? ackAt + (Timeout * 3.5) : start + (Timeout * 10.5);
        if (acknowledged)
        {
            sos.ChangeAt(context, alertId, SosStatus.Acknowledged, ackAt, eventLost ? null : TimeSpan.FromSeconds(eventDelaySeconds * 3));
        }

        sos.ChangeAt(context, alertId, SosStatus.Resolved, resolveAt, TimeSpan.Zero);
        var outcome = await sos.RunWorkflowAsync(context, alertId);

        var log = sos.Log.Entries.ToList();
        var persisted = log.IndexOf("persisted:" + alertId);
        var firstNotification = log.FindIndex(e => e.StartsWith("notify:", StringComparison.Ordinal));
        Assert.True(persisted >= 0 && firstNotification > persisted, string.Join(" | ", log));
        Assert.True(log.IndexOf("workflow:start:" + alertId) > persisted);

        var unansweredUntil = acknowledged ? ackAt : resolveAt;
        var expected = Enumerable.Range(1, 9).Count(k => start + (Timeout * k) < unansweredUntil);
        Assert.Equal(expected, outcome.Escalations);
        Assert.Equal(expected, (await sos.Store.FindAsync(alertId, CancellationToken.None))!.EscalationLevel);
        var smsFails = (failingChannels & (1 << (int)NotificationChannelKind.Sms)) != 0;
        Assert.Equal(smsFails ? 0 : expected, sos.Sent(SosHarness.OnCallPhone, "NOT acknowledged").Count);
    }
}
