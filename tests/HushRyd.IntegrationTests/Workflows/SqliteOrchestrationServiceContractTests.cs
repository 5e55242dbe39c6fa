using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using HushRyd.Runtime.Embedded.Workflows;
using HushRyd.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using static HushRyd.IntegrationTests.Workflows.OrchestrationEpisodes;

namespace HushRyd.IntegrationTests.Workflows;

/// <summary>The guarantees of the SQLite orchestration store, driven as TaskHubGrpcServer drives it.</summary>
public sealed class SqliteOrchestrationServiceContractTests : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);
    private readonly TempDirectory _directory = new();
    private SqliteOrchestrationService _store;

    public SqliteOrchestrationServiceContractTests() => _store = Open();

    [Fact]
    public async Task A_created_workflow_is_pending_with_a_state_the_grpc_server_can_convert_and_a_second_start_is_refused_while_it_lives()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));

        var state = await _store.GetOrchestrationStateAsync("sos-1", executionId: null!);
        Assert.NotNull(state);
        Assert.Equal(OrchestrationStatus.Pending, state.OrchestrationStatus);
        Assert.Equal("SosWorkflow", state.Name);
        Assert.NotNull(state.Tags);
        Assert.Equal(DateTimeKind.Utc, state.CreatedTime.Kind);
        Assert.Equal(DateTimeKind.Utc, state.LastUpdatedTime.Kind);
        Assert.Equal("\"in\"", state.Input);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => _store.CreateTaskOrchestrationAsync(Start("sos-1")));
        Assert.Null(await _store.GetOrchestrationStateAsync("nobody", executionId: null!));
    }

    [Fact]
    public async Task A_start_after_the_workflow_ended_replaces_it_with_a_fresh_execution()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));
        await RunAsync(_store, (await LockOrchestrationAsync())!, (_, d) => d.End = OrchestrationStatus.Completed);

        var again = Start("sos-1", "\"second\"");
        await _store.CreateTaskOrchestrationAsync(again);

        var item = await LockOrchestrationAsync();
        Assert.Equal(again.OrchestrationInstance.ExecutionId, item!.NewMessages.Single().OrchestrationInstance.ExecutionId);
        Assert.Empty(item.OrchestrationRuntimeState.Events);
    }

    [Fact]
    public async Task A_locked_workflow_is_not_handed_out_again_and_its_new_event_comes_promptly_after_the_release()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));
        var first = await LockOrchestrationAsync();
        await _store.SendTaskOrchestrationMessageAsync(Raise("sos-1", "acknowledged", "\"desk\""));

        Assert.Null(await _store.LockNextTaskOrchestrationWorkItemAsync(Short, CancellationToken.None));
        var waiting = _store.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, Cancel(5));
        var clock = Stopwatch.StartNew();
        await RunAsync(_store, first!, (_, _) => { });
        var second = await waiting;

        // The store's fallback wait is 5 s: anything well under it was woken by the release, not found by a poll.
        Assert.InRange(clock.ElapsedMilliseconds, 0, 1_000);
        Assert.Equal("acknowledged", Assert.IsType<EventRaisedEvent>(second!.NewMessages.Single().Event).Name);
        Assert.Contains(second.OrchestrationRuntimeState.Events, e => e is ExecutionStartedEvent);
    }

    [Fact]
    public async Task A_checkpoint_schedules_an_activity_whose_result_returns_once_even_when_completed_twice()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));
        await RunAsync(_store, (await LockOrchestrationAsync())!, (s, d) => ScheduleActivity(s, d, 0, "NotifyContacts"));

        var task = await _store.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("NotifyContacts", Assert.IsType<TaskScheduledEvent>(task!.TaskMessage.Event).Name);
        Assert.Null(await _store.LockNextTaskActivityWorkItem(Short, CancellationToken.None));
        await _store.CompleteTaskActivityWorkItemAsync(task, Completed(task));
        await _store.CompleteTaskActivityWorkItemAsync(task, Completed(task));

        var next = await LockOrchestrationAsync();
        var result = Assert.IsType<TaskCompletedEvent>(Assert.Single(next!.NewMessages).Event);
        Assert.Equal(0, result.TaskScheduledId);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.TaskScheduled, EventType.OrchestratorCompleted],
            next.OrchestrationRuntimeState.PastEvents.Select(e => e.EventType));
    }

    [Fact]
    public async Task A_durable_timer_is_held_back_until_due_and_then_handed_out_promptly()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));
        // Due well after the checkpoint that sets it, even when a cold start on a loaded CI machine makes that slow.
        var fireAt = DateTime.UtcNow.AddSeconds(2);
        await RunAsync(_store, (await LockOrchestrationAsync())!, (s, d) => CreateTimer(s, d, 0, fireAt));

        var early = await _store.LockNextTaskOrchestrationWorkItemAsync(Short, CancellationToken.None);
        Assert.True(early is null, $"handed out {(fireAt - DateTime.UtcNow).TotalMilliseconds:F0} ms before it was due");
        var fired = await _store.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, Cancel(5));
        var late = DateTime.UtcNow - fireAt;

        Assert.Equal(0, Assert.IsType<TimerFiredEvent>(fired!.NewMessages.Single().Event).TimerId);
        // Handed out at its due time, not on a poll; the bound leaves room for a CI machine running every suite at once.
        Assert.InRange(late.TotalMilliseconds, 0, 1_000);
    }

    [Fact]
    public async Task An_event_for_an_unknown_workflow_is_refused_and_one_for_an_ended_workflow_is_dropped()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.SendTaskOrchestrationMessageAsync(Raise("nobody", "acknowledged", "1")));
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));
        await RunAsync(_store, (await LockOrchestrationAsync())!, (_, d) => d.End = OrchestrationStatus.Completed);

        await _store.SendTaskOrchestrationMessageAsync(Raise("sos-1", "acknowledged", "1"));

        Assert.Null(await _store.LockNextTaskOrchestrationWorkItemAsync(Short, CancellationToken.None));
    }

    [Fact]
    public async Task Termination_ends_the_workflow_drops_its_queued_activities_and_wakes_whoever_waits_for_it()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));
        await RunAsync(_store, (await LockOrchestrationAsync())!, (s, d) => ScheduleActivity(s, d, 0, "Escalate"));
        var waiter = _store.WaitForOrchestrationAsync("sos-1", null!, Timeout.InfiniteTimeSpan, Cancel(5));

        await _store.ForceTerminateTaskOrchestrationAsync("sos-1", "false alarm");
        var item = await LockOrchestrationAsync();
        Assert.IsType<ExecutionTerminatedEvent>(item!.NewMessages.Single().Event);
        await RunAsync(_store, item, (_, d) => d.End = OrchestrationStatus.Terminated);

        Assert.Equal(OrchestrationStatus.Terminated, (await waiter)!.OrchestrationStatus);
        Assert.Null(await _store.LockNextTaskActivityWorkItem(Short, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_workflows_are_each_handed_to_exactly_one_work_item_at_a_time()
    {
        var ids = Enumerable.Range(0, 20).Select(i => $"sos-{i}").ToList();
        await Task.WhenAll(ids.Select(id => _store.CreateTaskOrchestrationAsync(Start(id))));
        await Task.WhenAll(ids.Select(id => _store.SendTaskOrchestrationMessageAsync(Raise(id, "acknowledged", "1"))));

        var items = await Task.WhenAll(ids.Select(_ => _store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None)));

        Assert.Equal(ids.Order(), items.Select(i => i!.InstanceId).Order());
        Assert.All(items, i => Assert.Equal(2, i!.NewMessages.Count));
        Assert.Null(await _store.LockNextTaskOrchestrationWorkItemAsync(Short, CancellationToken.None));
    }

    [Fact]
    public async Task A_crash_before_the_checkpoint_commits_changes_nothing_and_the_same_messages_come_again()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-1"));
        var item = await LockOrchestrationAsync();
        _store.BeforeCommit = operation =>
        {
            if (operation == "complete-orchestration")
            {
                throw new IOException("power cut before the checkpoint commits");
            }
        };

        await Assert.ThrowsAsync<IOException>(() => RunAsync(_store, item!, (s, d) => ScheduleActivity(s, d, 0, "NotifyContacts")));
        _store.BeforeCommit = null;

        Assert.Equal("[]", await _store.GetOrchestrationHistoryAsync("sos-1", null!));
        Assert.Null(await _store.LockNextTaskActivityWorkItem(Short, CancellationToken.None));
        var again = await LockOrchestrationAsync();
        Assert.IsType<ExecutionStartedEvent>(again!.NewMessages.Single().Event);
        Assert.Equal(OrchestrationStatus.Pending, (await _store.GetOrchestrationStateAsync("sos-1", executionId: null!))!.OrchestrationStatus);
    }

    [Fact]
    public async Task Reopening_after_a_crash_frees_every_lock_resumes_running_work_and_hands_out_an_overdue_timer_at_once()
    {
        await _store.CreateTaskOrchestrationAsync(Start("waits-on-timer"));
        // Not due before the in-flight workflow is locked, even on a slow machine; overdue by the time the store reopens.
        await RunAsync(_store, (await LockOrchestrationAsync())!, (s, d) => CreateTimer(s, d, 0, DateTime.UtcNow.AddSeconds(1)));
        await _store.CreateTaskOrchestrationAsync(Start("in-flight"));
        Assert.Equal("in-flight", (await LockOrchestrationAsync())!.InstanceId);
        _store.Dispose();

        await Task.Delay(1_100);
        var clock = Stopwatch.StartNew();
        _store = Open();
        var first = await LockOrchestrationAsync();
        var second = await LockOrchestrationAsync();

        Assert.Equal(["in-flight", "waits-on-timer"], new[] { first!.InstanceId, second!.InstanceId }.Order());
        Assert.InRange(clock.ElapsedMilliseconds, 0, 1_000);
    }

    [Fact]
    public async Task An_idle_lock_call_waits_without_spinning_and_ends_when_cancelled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.LockNextTaskOrchestrationWorkItemAsync(Timeout.InfiniteTimeSpan, cancel.Token));

        Assert.InRange(started.ElapsedMilliseconds, 250, 2_000);
    }

    [Fact]
    public async Task Queries_filter_by_status_and_purge_removes_only_ended_workflows()
    {
        await _store.CreateTaskOrchestrationAsync(Start("sos-ended"));
        await RunAsync(_store, (await LockOrchestrationAsync())!, (_, d) => d.End = OrchestrationStatus.Completed);
        await _store.CreateTaskOrchestrationAsync(Start("sos-live"));

        var ended = await _store.GetOrchestrationWithQueryAsync(new OrchestrationQuery { RuntimeStatus = [OrchestrationStatus.Completed] }, CancellationToken.None);
        Assert.Equal("sos-ended", Assert.Single(ended.OrchestrationState).OrchestrationInstance.InstanceId);

        Assert.Equal(0, (await _store.PurgeInstanceStateAsync("sos-live")).DeletedInstanceCount);
        Assert.Equal(1, (await _store.PurgeInstanceStateAsync("sos-ended")).DeletedInstanceCount);
        Assert.Null(await _store.GetOrchestrationStateAsync("sos-ended", executionId: null!));
    }

    private SqliteOrchestrationService Open() => new(_directory.Path, NullLogger<SqliteOrchestrationService>.Instance);

    private Task<TaskOrchestrationWorkItem?> LockOrchestrationAsync() => _store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

    private static CancellationToken Cancel(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}
