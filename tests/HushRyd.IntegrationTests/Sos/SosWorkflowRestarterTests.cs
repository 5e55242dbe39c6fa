using HushRyd.Sos.Running;
using HushRyd.Testing;
using HushRyd.Workflows.Sos;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>
/// An alert is never lost: one stored while the workflow runtime was unreachable is started by the re-starter's next scan, and
/// a runtime that is slow to take the start does not hold up the answer.
/// </summary>
public sealed class SosWorkflowRestarterTests : IAsyncLifetime
{
    private SosHarness _sos = null!;

    public async Task InitializeAsync() => _sos = await SosHarness.StartAsync(TimeSpan.FromMinutes(2));

    public async Task DisposeAsync() => await _sos.DisposeAsync();

    [Fact]
    public async Task An_alert_stored_while_the_runtime_was_down_is_still_answered_and_its_workflow_started_by_the_next_scan_once()
    {
        _sos.Workflows.Unreachable = true;
        var raised = await _sos.RaiseAsync("tap");
        Assert.NotNull(raised.Stored);
        Assert.Empty(_sos.Workflows.Started);

        var restarter = new SosWorkflowRestarter(_sos.Store, _sos.Workflows, Options.Create(new SosOptions()), _sos.Clock, NullLogger<SosWorkflowRestarter>.Instance);
        Assert.Equal(0, await restarter.RestartMissingAsync(CancellationToken.None));
        _sos.Workflows.Unreachable = false;
        Assert.Equal(0, await restarter.RestartMissingAsync(CancellationToken.None));

        _sos.Clock.Advance(SosWorkflowRestarter.Grace + TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await restarter.RestartMissingAsync(CancellationToken.None));
        Assert.Equal([raised.Stored!.Alert.Id], _sos.Workflows.Started);

        // The started workflow's first step confirms the alert; after that no scan starts it again.
        var context = _sos.ContextFor(raised.Stored.Alert.Id);
        _sos.ChangeAt(context, raised.Stored.Alert.Id, SosStatus.Cancelled, _sos.Clock.GetUtcNow(), TimeSpan.Zero);
        await _sos.RunWorkflowAsync(context, raised.Stored.Alert.Id);
        Assert.Equal(0, await restarter.RestartMissingAsync(CancellationToken.None));
        Assert.Single(_sos.Workflows.Started);
    }

    [Fact]
    public async Task An_alert_is_answered_once_stored_while_its_workflow_start_still_hangs_and_the_start_lands_afterwards()
    {
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sos.Workflows.Stalled = stalled;

        var raised = await _sos.RaiseAsync("tap").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.NotNull(raised.Stored);
        Assert.NotNull(await _sos.Store.FindAsync(raised.Stored!.Alert.Id, CancellationToken.None));
        Assert.Empty(_sos.Workflows.Started);
        stalled.SetResult();
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(_sos.Workflows.Started.Contains(raised.Stored.Alert.Id)), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)));
    }
}
