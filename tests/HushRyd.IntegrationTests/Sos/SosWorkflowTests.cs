using HushRyd.Platform.Notifications;
using HushRyd.Workflows.Sos.Activities;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Workflows;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>SosWorkflow's decisions on virtual time, with the real activities and SQLite store (see <see cref="SosHarness"/>).</summary>
public sealed class SosWorkflowTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private SosHarness _sos = null!;

    public async Task InitializeAsync() => _sos = await SosHarness.StartAsync(Timeout);

    public async Task DisposeAsync() => await _sos.DisposeAsync();

    [Fact]
    public async Task Unacknowledged_alert_pages_on_call_nine_times_one_timeout_apart_then_waits_for_the_resolve_and_tells_everyone()
    {
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        var context = _sos.ContextFor(alertId);
        var start = _sos.Clock.GetUtcNow();
        _sos.ChangeAt(context, alertId, SosStatus.Resolved, start + TimeSpan.FromHours(1), TimeSpan.Zero);

        var outcome = await _sos.RunWorkflowAsync(context, alertId);

        var pages = context.Calls.Where(c => c.Activity == nameof(EscalateActivity)).Select(c => c.At - start).ToList();
        Assert.Equal(Enumerable.Range(1, 9).Select(k => Timeout * k), pages);
        Assert.Equal(9, outcome.Escalations);
        Assert.Equal("resolved", outcome.Status);
        Assert.Equal(9, _sos.Sent(SosHarness.OnCallPhone, "NOT acknowledged").Count);
        Assert.Single(_sos.Sent(SosHarness.OnCallPhone, "resolved"));
        Assert.All(SosHarness.Contacts, c => Assert.Single(_sos.Sent(c.Phone, "resolved")));
        Assert.Contains("tracking:stop:" + alertId, _sos.Log.Entries);
        Assert.Equal(9, (await _sos.Store.FindAsync(alertId, CancellationToken.None))!.EscalationLevel);
    }

    [Fact]
    public async Task Trusted_contacts_get_sms_and_push_and_the_desk_its_realtime_event_and_email_all_on_the_critical_queue_with_distinct_dedupe_keys()
    {
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        var context = _sos.ContextFor(alertId);
        _sos.ChangeAt(context, alertId, SosStatus.Acknowledged, _sos.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), TimeSpan.Zero);
        _sos.ChangeAt(context, alertId, SosStatus.Resolved, _sos.Clock.GetUtcNow() + TimeSpan.FromMinutes(10), TimeSpan.Zero);

        await _sos.RunWorkflowAsync(context, alertId);

        foreach (var contact in SosHarness.Contacts)
        {
            Assert.Contains(_sos.Queue.Added, a => a.Message.To == contact.Phone && a.Message.Channel == NotificationChannelKind.Sms && a.Message.Body.Contains("SOS from", StringComparison.Ordinal));
            Assert.Contains(_sos.Queue.Added, a => a.Message.To == contact.Phone && a.Message.Channel == NotificationChannelKind.Push);
        }

        Assert.Contains(_sos.Queue.Added, a => a.Message.To == "desk@hushryd.test" && a.Message.Channel == NotificationChannelKind.Email);
        Assert.Contains("notify:realtime:sos:admins:sos", _sos.Log.Entries);
        Assert.DoesNotContain(_sos.Log.Entries, e => e.StartsWith("notify:", StringComparison.Ordinal) && !e.EndsWith(":sos", StringComparison.Ordinal) && !e.EndsWith(":Critical", StringComparison.Ordinal));
        Assert.Equal(_sos.Queue.Added.Count, _sos.Queue.Added.Select(a => a.DedupeKey).Distinct().Count());
        Assert.Empty(_sos.Sent(SosHarness.OnCallPhone, "NOT acknowledged"));
    }

    [Fact]
    public async Task An_acknowledgement_stored_before_the_timer_fired_stops_the_page_even_when_its_event_arrives_after_the_timer()
    {
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        var context = _sos.ContextFor(alertId);
        var start = _sos.Clock.GetUtcNow();
        _sos.ChangeAt(context, alertId, SosStatus.Acknowledged, start + Timeout - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));
        _sos.ChangeAt(context, alertId, SosStatus.Resolved, start + TimeSpan.FromMinutes(30), TimeSpan.Zero);

        var outcome = await _sos.RunWorkflowAsync(context, alertId);

        Assert.Equal(0, outcome.Escalations);
        Assert.Empty(_sos.Sent(SosHarness.OnCallPhone, "NOT acknowledged"));
    }

    [Fact]
    public async Task An_acknowledgement_whose_event_is_lost_still_stops_paging_and_the_resolve_still_ends_the_run()
    {
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        var context = _sos.ContextFor(alertId);
        var start = _sos.Clock.GetUtcNow();
        _sos.ChangeAt(context, alertId, SosStatus.Acknowledged, start + (Timeout * 2.5), eventDelay: null);
        _sos.ChangeAt(context, alertId, SosStatus.Resolved, start + TimeSpan.FromHours(2), TimeSpan.Zero);

        var outcome = await _sos.RunWorkflowAsync(context, alertId);

        Assert.Equal(2, outcome.Escalations);
        Assert.Equal("resolved", outcome.Status);
    }

    [Fact]
    public async Task A_cancel_before_the_first_timeout_pages_nobody_stops_tracking_and_tells_the_contacts_it_was_a_false_alarm()
    {
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        var context = _sos.ContextFor(alertId);
        _sos.ChangeAt(context, alertId, SosStatus.Cancelled, _sos.Clock.GetUtcNow() + TimeSpan.FromSeconds(20), TimeSpan.Zero);

        var outcome = await _sos.RunWorkflowAsync(context, alertId);

        Assert.Equal(new("cancelled", 0), outcome);
        Assert.Empty(_sos.Sent(SosHarness.OnCallPhone, "HushRyd"));
        Assert.All(SosHarness.Contacts, c => Assert.Single(_sos.Sent(c.Phone, "false alarm")));
        Assert.Contains("tracking:stop:" + alertId, _sos.Log.Entries);
    }

    [Fact]
    public async Task When_every_provider_refuses_the_failures_are_on_the_timeline_and_escalation_still_happens()
    {
        _sos.Queue.Fails = _ => true;
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        var context = _sos.ContextFor(alertId);
        var start = _sos.Clock.GetUtcNow();
        _sos.ChangeAt(context, alertId, SosStatus.Acknowledged, start + (Timeout * 1.5), TimeSpan.Zero);
        _sos.ChangeAt(context, alertId, SosStatus.Resolved, start + (Timeout * 3), TimeSpan.Zero);

        var outcome = await _sos.RunWorkflowAsync(context, alertId);

        var timeline = await _sos.Store.TimelineAsync(alertId, CancellationToken.None);
        Assert.Equal(1, outcome.Escalations);
        Assert.Contains(timeline, e => e.Kind == SosTimelineKinds.Notification && e.Channel == "sms" && e.Recipient == SosHarness.OnCallPhone && e.Result!.StartsWith("failed", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Kind == SosTimelineKinds.Notification && e.Channel == "realtime" && e.Result == "published");
        Assert.Equal(["raised", "tracking-started"], timeline.Take(2).Select(e => e.Kind));
        Assert.Contains(timeline, e => e.Kind == "acknowledged");
    }

    [Fact]
    public async Task Tracking_the_desk_and_every_contact_are_under_way_while_the_confirmation_of_the_alert_is_still_on_its_way()
    {
        var (alertId, context) = await RaiseWithConfirmationHeldBackAsync();

        var outcome = await _sos.RunWorkflowAsync(context, alertId);

        Assert.Equal("resolved", outcome.Status);
        Assert.Equal(
            [nameof(StartTrackingActivity), nameof(NotifyDeskActivity), nameof(NotifyTrustedContactActivity), nameof(NotifyTrustedContactActivity)],
            context.CalledWhileSlowPending);
        Assert.All(SosHarness.Contacts, c => Assert.Single(_sos.Sent(c.Phone, "SOS from +919811100000 on HushRyd")));
    }

    [Fact]
    public async Task A_workflow_started_without_the_contact_count_confirms_the_alert_before_anything_else_as_its_history_expects()
    {
        var (alertId, context) = await RaiseWithConfirmationHeldBackAsync();

        var outcome = await _sos.RunWorkflowAsync(context, alertId, legacyInput: true);

        Assert.Equal("resolved", outcome.Status);
        Assert.Empty(context.CalledWhileSlowPending);
        Assert.Equal(
            [nameof(ConfirmPersistedActivity), nameof(StartTrackingActivity), nameof(NotifyDeskActivity), nameof(NotifyTrustedContactActivity), nameof(NotifyTrustedContactActivity)],
            context.Calls.Take(5).Select(c => c.Activity));
        Assert.All(SosHarness.Contacts, c => Assert.Single(_sos.Sent(c.Phone, "SOS from +919811100000 on HushRyd")));
    }

    [Fact]
    public async Task A_workflow_for_an_alert_that_was_never_stored_tells_nobody_anything()
    {
        var context = _sos.ContextFor("sos_never_stored");

        var outcome = await _sos.RunWorkflowAsync(context, "sos_never_stored");

        Assert.Equal(new(SosWorkflow.NotPersisted, 0), outcome);
        Assert.Empty(_sos.Queue.Added);
        Assert.DoesNotContain(_sos.Log.Entries, e => e.StartsWith("notify:", StringComparison.Ordinal) || e.StartsWith("tracking:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alert_cancelled_before_its_workflow_ran_tells_nobody_anything()
    {
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        await _sos.Store.TransitionAsync(alertId, SosStatus.Cancelled, SosHarness.Traveller, _sos.Clock.GetUtcNow(), CancellationToken.None);
        var context = _sos.ContextFor(alertId);

        var outcome = await _sos.RunWorkflowAsync(context, alertId);

        Assert.Equal(new("cancelled", 0), outcome);
        Assert.Empty(_sos.Queue.Added);
        Assert.DoesNotContain(_sos.Log.Entries, e => e.StartsWith("notify:", StringComparison.Ordinal) || e.StartsWith("tracking:", StringComparison.Ordinal));
    }

    // An alert resolved 30 s in, whose workflow's confirmation activity stays pending while others may run.
    private async Task<(string AlertId, VirtualWorkflowContext Context)> RaiseWithConfirmationHeldBackAsync()
    {
        var alertId = (await _sos.RaiseAsync("k")).Stored!.Alert.Id;
        var context = _sos.ContextFor(alertId);
        context.Slow.Add(nameof(ConfirmPersistedActivity));
        _sos.ChangeAt(context, alertId, SosStatus.Resolved, _sos.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), TimeSpan.Zero);
        return (alertId, context);
    }
}
