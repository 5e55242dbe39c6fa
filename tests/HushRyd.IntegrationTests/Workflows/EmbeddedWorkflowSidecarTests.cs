using System.Diagnostics;
using Dapr.Workflow;
using HushRyd.Runtime.Embedded.Workflows.Sidecar;
using Microsoft.Extensions.Configuration;
using HushRyd.Testing;
using Xunit.Abstractions;

namespace HushRyd.IntegrationTests.Workflows;

/// <summary>The real Dapr.Workflow 1.19 worker and client against the in-process sidecar on SQLite.</summary>
public sealed class EmbeddedWorkflowSidecarTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task An_acknowledgement_raised_by_the_client_wins_the_race_against_the_timer()
    {
        await using var host = await WorkflowTestHost.StartAsync(_directory.Path);
        var id = NewId();
        await host.Client.ScheduleNewWorkflowAsync(nameof(AckOrTimerWorkflow), id, new AckOrTimerInput(30_000), null, WorkflowTestHost.Within(10));
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(RecordStepActivity.RunsOf(id, "notified") == 1), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10)));

        await host.Client.RaiseEventAsync(id, AckOrTimerWorkflow.AckEvent, "desk-7", WorkflowTestHost.Within(10));
        var state = await host.Client.WaitForWorkflowCompletionAsync(id, true, WorkflowTestHost.Within(10));

        Assert.Equal(WorkflowRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("ack:desk-7", state.ReadOutputAs<string>());
        Assert.Equal(1, RecordStepActivity.RunsOf(id, "ack:desk-7"));
    }

    [Fact]
    public async Task The_durable_timer_fires_on_time_when_nobody_acknowledges()
    {
        await using var host = await WorkflowTestHost.StartAsync(_directory.Path);
        var id = NewId();
        var clock = Stopwatch.StartNew();
        await host.Client.ScheduleNewWorkflowAsync(nameof(AckOrTimerWorkflow), id, new AckOrTimerInput(800), null, WorkflowTestHost.Within(10));
        var state = await host.Client.WaitForWorkflowCompletionAsync(id, true, WorkflowTestHost.Within(10));

        Assert.Equal("timer", state.ReadOutputAs<string>());
        Assert.InRange(clock.ElapsedMilliseconds, 800, 2_500);
        output.WriteLine($"800 ms timer workflow completed after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_restart_during_a_timer_wait_resumes_the_workflow_and_the_timer_fires_on_time_without_repeating_the_done_activity()
    {
        var id = NewId();
        var timer = TimeSpan.FromMilliseconds(2_500);
        var scheduledAt = await LeaveWaitingOnTimerAsync(id, timer);

        await using var second = await WorkflowTestHost.StartAsync(_directory.Path);
        var ready = DateTime.UtcNow;
        var state = await second.Client.WaitForWorkflowCompletionAsync(id, true, WorkflowTestHost.Within(15));

        // Judged from its due time, or from the moment the restarted host could serve if that came later: a slow start
        // on a loaded machine is not the timer's lateness.
        var due = scheduledAt + timer;
        var late = DateTime.UtcNow - (due > ready ? due : ready);
        AssertEndedByTimerAfterOneNotification(id, state);
        Assert.InRange(late.TotalMilliseconds, 0, 1_000);
        output.WriteLine($"timer completion {late.TotalMilliseconds:F0} ms after its due time or the restart, whichever came later ({(ready - due).TotalMilliseconds:F0} ms restart past due)");
    }

    [Fact]
    public async Task A_timer_that_came_due_while_the_server_was_down_fires_promptly_after_the_restart()
    {
        var id = NewId();
        await LeaveWaitingOnTimerAsync(id, TimeSpan.FromMilliseconds(500));

        await Task.Delay(1_000);
        var clock = Stopwatch.StartNew();
        await using var second = await WorkflowTestHost.StartAsync(_directory.Path);
        var state = await second.Client.WaitForWorkflowCompletionAsync(id, true, WorkflowTestHost.Within(10));

        AssertEndedByTimerAfterOneNotification(id, state);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
        output.WriteLine($"restart to completion of an overdue timer: {clock.ElapsedMilliseconds} ms (host start included)");
    }

    [Fact]
    public async Task Fifty_parallel_workflows_complete_promptly_and_a_one_activity_workflow_takes_milliseconds()
    {
        await using var host = await WorkflowTestHost.StartAsync(_directory.Path);
        await RunOneAsync(host.Client, NewId(), 0);

        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var single = Stopwatch.StartNew();
            await RunOneAsync(host.Client, NewId(), i);
            latencies.Add(single.Elapsed.TotalMilliseconds);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => RunOneAsync(host.Client, NewId(), i)));
        clock.Stop();

        latencies.Sort();
        output.WriteLine($"one-activity workflow, schedule to completion: median {latencies[10]:F1} ms, max {latencies[^1]:F1} ms; 50 in parallel: {clock.ElapsedMilliseconds} ms");
        // Bounds leave room for a machine shared with parallel builds; the figures go to the test output.
        Assert.InRange(clock.ElapsedMilliseconds, 0, 10_000);
        Assert.InRange(latencies[10], 0, 500);
    }

    [Fact]
    public async Task A_second_start_with_the_same_id_is_refused_while_the_first_runs()
    {
        await using var host = await WorkflowTestHost.StartAsync(_directory.Path);
        var id = NewId();
        await host.Client.ScheduleNewWorkflowAsync(nameof(AckOrTimerWorkflow), id, new AckOrTimerInput(30_000), null, WorkflowTestHost.Within(10));

        await Assert.ThrowsAnyAsync<Exception>(() => host.Client.ScheduleNewWorkflowAsync(nameof(AckOrTimerWorkflow), id, new AckOrTimerInput(30_000), null, WorkflowTestHost.Within(10)));

        await host.Client.TerminateWorkflowAsync(id, "test over", WorkflowTestHost.Within(10));
        var state = await host.Client.WaitForWorkflowCompletionAsync(id, true, WorkflowTestHost.Within(10));
        Assert.Equal(WorkflowRuntimeStatus.Terminated, state.RuntimeStatus);
    }

    /// <summary>Runs a host until the workflow's timer is committed, then stops it; returns when the workflow was scheduled.</summary>
    private async Task<DateTime> LeaveWaitingOnTimerAsync(string id, TimeSpan timer)
    {
        await using var host = await WorkflowTestHost.StartAsync(_directory.Path);
        var scheduledAt = DateTime.UtcNow;
        await host.Client.ScheduleNewWorkflowAsync(nameof(AckOrTimerWorkflow), id, new AckOrTimerInput((int)timer.TotalMilliseconds), null, WorkflowTestHost.Within(10));
        await host.WaitUntilWaitingOnTimerAsync(id);
        return scheduledAt;
    }

    private static void AssertEndedByTimerAfterOneNotification(string id, WorkflowState state)
    {
        Assert.Equal("timer", state.ReadOutputAs<string>());
        Assert.Equal(1, RecordStepActivity.RunsOf(id, "notified"));
    }

    private static async Task RunOneAsync(DaprWorkflowClient client, string id, int input)
    {
        await client.ScheduleNewWorkflowAsync(nameof(OneActivityWorkflow), id, input, null, WorkflowTestHost.Within(30));
        var state = await client.WaitForWorkflowCompletionAsync(id, true, WorkflowTestHost.Within(30));
        Assert.Equal(input + 1, state.ReadOutputAs<int>());
    }

    [Fact]
    public void The_sidecar_reads_no_configuration_file_so_it_watches_no_directory_for_changes()
    {
        var builder = EmbeddedWorkflowSidecar.NewHostBuilder(FreePort.Next());

        Assert.DoesNotContain(((IConfigurationBuilder)builder.Configuration).Sources, source => source is FileConfigurationSource);
    }

    private static string NewId() => "wf-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _directory.Dispose();
}
