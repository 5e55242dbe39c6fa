using HushRyd.Platform.Trips;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>What every SOS alert store must do, written once: SQLite runs it always, MongoDB where a server answers.</summary>
public abstract class SosAlertStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

    protected abstract Task<(ISosAlertStore Store, Func<ValueTask> Release)> OpenAsync();

    private static SosAlert Alert(string id, string key = "k1", string raisedBy = "usr_a", DateTimeOffset? at = null) => new(
        id, raisedBy, "+919800000042", key, "trp_1", "usr_driver", 12.9716, 77.5946, "wrong turn", at ?? Now,
        [new SosContact("Asha", "+919811100001", null), new SosContact("Ravi", "+919811100002", "ravi@example.test")],
        SosStatus.Active, 0, null, null, null, null, false, new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White"));

    [SkippableFact]
    public async Task An_alert_reads_back_field_for_field_and_the_same_raiser_and_key_returns_the_first_alert()
    {
        var (store, release) = await OpenAsync();
        await using var _ = new Releaser(release);
        var alert = Alert("sos_1");

        var first = await store.CreateAsync(alert, new SosTimelineEntry(Now, SosTimelineKinds.Raised), None);
        var again = await store.CreateAsync(Alert("sos_2"), new SosTimelineEntry(Now, SosTimelineKinds.Raised), None);
        var otherRaiser = await store.CreateAsync(Alert("sos_3", raisedBy: "usr_b"), new SosTimelineEntry(Now, SosTimelineKinds.Raised), None);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal("sos_1", again.Alert.Id);
        Assert.True(otherRaiser.Created);
        var stored = (await store.FindAsync("sos_1", None))!;
        Assert.Equal(alert.TrustedContacts, stored.TrustedContacts);
        Assert.Equal(alert with { TrustedContacts = stored.TrustedContacts }, stored);
        Assert.Null(await store.FindAsync("sos_2", None));
        Assert.Single(await store.TimelineAsync("sos_1", None));
    }

    [SkippableFact]
    public async Task The_vehicle_recorded_at_raise_time_reads_back_and_an_alert_without_one_reads_back_without_one()
    {
        var (store, release) = await OpenAsync();
        await using var _ = new Releaser(release);
        await store.CreateAsync(Alert("sos_car"), new SosTimelineEntry(Now, SosTimelineKinds.Raised), None);
        await store.CreateAsync(Alert("sos_walk", key: "k2") with { TripId = null, DriverId = null, Vehicle = null }, new SosTimelineEntry(Now, SosTimelineKinds.Raised), None);
        await store.TransitionAsync("sos_car", SosStatus.Acknowledged, "usr_admin1", Now.AddSeconds(5), None);

        Assert.Equal(new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White"), (await store.FindAsync("sos_car", None))!.Vehicle);
        Assert.Equal("KA 01 AB 1234", Assert.Single(await store.ListAsync(SosStatus.Acknowledged, 10, None)).Vehicle?.Registration);
        Assert.Null((await store.FindAsync("sos_walk", None))!.Vehicle);
    }

    [SkippableFact]
    public async Task Of_two_acknowledgements_one_wins_and_the_other_sees_who_won_and_closed_alerts_stay_closed()
    {
        var (store, release) = await OpenAsync();
        await using var _ = new Releaser(release);
        await store.CreateAsync(Alert("sos_1"), new SosTimelineEntry(Now, SosTimelineKinds.Raised), None);

        var both = await Task.WhenAll(
            store.TransitionAsync("sos_1", SosStatus.Acknowledged, "usr_admin1", Now.AddSeconds(5), None),
            store.TransitionAsync("sos_1", SosStatus.Acknowledged, "usr_admin2", Now.AddSeconds(5), None));
        var winner = Assert.Single(both, t => t!.Applied)!;
        var loser = Assert.Single(both, t => !t!.Applied)!;
        Assert.Equal(winner.Alert.AcknowledgedBy, loser.Alert.AcknowledgedBy);
        Assert.Equal(Now.AddSeconds(5), loser.Alert.AcknowledgedAt);

        var resolved = (await store.TransitionAsync("sos_1", SosStatus.Resolved, "usr_admin1", Now.AddMinutes(1), None))!;
        Assert.True(resolved.Applied);
        Assert.Equal(SosStatus.Resolved, resolved.Alert.Status);
        Assert.Equal("usr_admin1", resolved.Alert.ClosedBy);
        Assert.False((await store.TransitionAsync("sos_1", SosStatus.Cancelled, "usr_a", Now.AddMinutes(2), None))!.Applied);
        Assert.Null(await store.TransitionAsync("sos_missing", SosStatus.Resolved, "usr_admin1", Now, None));
        Assert.Equal(["raised", "acknowledged", "resolved"], (await store.TimelineAsync("sos_1", None)).Select(e => e.Kind));
    }

    [SkippableFact]
    public async Task Lists_filter_by_status_newest_first_and_alerts_without_a_confirmed_workflow_are_found_oldest_first()
    {
        var (store, release) = await OpenAsync();
        await using var _ = new Releaser(release);
        for (var i = 0; i < 3; i++)
        {
            await store.CreateAsync(Alert($"sos_{i}", key: $"k{i}", at: Now.AddSeconds(i)), new SosTimelineEntry(Now, SosTimelineKinds.Raised), None);
        }

        await store.TransitionAsync("sos_1", SosStatus.Cancelled, "usr_a", Now.AddMinutes(1), None);
        await store.MarkWorkflowStartedAsync("sos_0", None);
        await store.SetEscalationLevelAsync("sos_2", 3, None);
        await store.SetEscalationLevelAsync("sos_2", 2, None);
        await store.AppendAsync("sos_2", new SosTimelineEntry(Now.AddSeconds(9), SosTimelineKinds.Notification, "sms", "twilio", "+919811100001", "completed", "contact"), None);

        Assert.Equal(["sos_2", "sos_0"], (await store.ListAsync(SosStatus.Active, 10, None)).Select(a => a.Id));
        Assert.Equal(["sos_2", "sos_1", "sos_0"], (await store.ListAsync(null, 10, None)).Select(a => a.Id));
        Assert.Equal(["sos_1", "sos_2"], (await store.WithoutWorkflowAsync(Now.AddMinutes(5), 10, None)).Select(a => a.Id));
        Assert.Equal(["sos_1"], (await store.WithoutWorkflowAsync(Now.AddSeconds(2), 10, None)).Select(a => a.Id));
        Assert.Equal(3, (await store.FindAsync("sos_2", None))!.EscalationLevel);
        Assert.Equal(
            new SosTimelineEntry(Now.AddSeconds(9), SosTimelineKinds.Notification, "sms", "twilio", "+919811100001", "completed", "contact"),
            (await store.TimelineAsync("sos_2", None))[^1]);
    }

    private sealed class Releaser(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
