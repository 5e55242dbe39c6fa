using System.Diagnostics;
using DurableTask.Core.History;
using HushRyd.Runtime.Embedded.Workflows.Storage;
using HushRyd.Testing;
using HushRyd.WorkflowTestHost;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HushRyd.IntegrationTests.Workflows;

/// <summary>Durability under SIGKILL: a server killed while its workflows wait on durable timers.</summary>
public sealed class WorkflowKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Workflows = 10;
    private const int TimerMilliseconds = 4_000;
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task After_a_SIGKILL_during_the_timer_wait_every_overdue_escalation_fires_together_soon_after_restart_and_no_completed_notification_runs_again()
    {
        var scheduledBy = DateTime.UtcNow;
        var first = await WorkflowChildProcess.StartAsync(_directory.Path, Workflows.ToString(), TimerMilliseconds.ToString());
        Assert.True(await Eventually.HoldsAsync(async () => await CountWaitingOnTimerAsync() == Workflows, TimeSpan.FromSeconds(15)), first.Output);
        await first.KillAsync();
        Assert.DoesNotContain(await StepsAsync(), s => s.Step == "escalated");

        var due = scheduledBy.AddMilliseconds(TimerMilliseconds + 300);
        if (due > DateTime.UtcNow)
        {
            await Task.Delay(due - DateTime.UtcNow);
        }

        var restart = Stopwatch.StartNew();
        await using var second = await WorkflowChildProcess.StartAsync(_directory.Path);
        var readyAfter = restart.ElapsedMilliseconds;
        var readyAt = DateTime.UtcNow;
        Assert.True(await Eventually.HoldsAsync(async () => (await StepsAsync()).Count(s => s.Step == "escalated") == Workflows, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20)), second.Output);
        var allFiredAfter = restart.ElapsedMilliseconds;

        var steps = await StepsAsync();
        var escalations = (await QueryAsync(StepLog.FileName, "SELECT at FROM steps WHERE step = 'escalated' ORDER BY at;", r => new DateTime(r.GetInt64(0), DateTimeKind.Utc))).Select(at => (at - readyAt).TotalMilliseconds).ToList();
        output.WriteLine($"escalations after ready: first {escalations[0]:F0} ms, median {escalations[escalations.Count / 2]:F0} ms, last {escalations[^1]:F0} ms");
        for (var i = 0; i < Workflows; i++)
        {
            var id = $"sos-{i}";
            Assert.Single(steps, s => s.InstanceId == id && s.Step == "notified");
            var escalated = Assert.Single(steps, s => s.InstanceId == id && s.Step == "escalated");
            Assert.Equal(second.ProcessId, escalated.Pid);
        }

        Assert.DoesNotContain(steps, s => s.Step == "acknowledged");
        // A cold child process (JIT of Kestrel, gRPC, the Dapr worker) takes most of this; once work flows, they all go together.
        Assert.InRange(allFiredAfter, 0, 10_000);
        Assert.InRange(escalations[^1] - escalations[0], 0, 1_000);
        Assert.Equal("ok", await QueryAsync(WorkflowDatabase.FileName, "PRAGMA integrity_check;", r => r.GetString(0)).ContinueWith(t => t.Result.Single()));
        output.WriteLine($"restart: child process ready after {readyAfter} ms; all {Workflows} overdue escalations done {allFiredAfter} ms after the restart began");
    }

    [Fact]
    public async Task A_kill_right_after_an_activity_result_commits_never_runs_that_activity_again_and_the_others_still_finish_it()
    {
        const int Started = 5;
        await WorkflowChildProcess.RunUntilItDiesAsync(_directory.Path, Started.ToString(), "60000", "complete-activity");
        var answered = await InstancesAnsweredAsync();
        var ranBeforeRestart = await StepsAsync();
        Assert.Single(answered);

        await using var second = await WorkflowChildProcess.StartAsync(_directory.Path);
        Assert.True(await Eventually.HoldsAsync(async () => (await InstancesAnsweredAsync()).Count == Started, TimeSpan.FromSeconds(15)), second.Output);

        var steps = await StepsAsync();
        Assert.Single(steps, s => s.InstanceId == answered[0] && s.Step == "notified");
        Assert.All(Enumerable.Range(0, Started), i => Assert.Contains(steps, s => s.InstanceId == $"sos-{i}" && s.Step == "notified"));
        output.WriteLine($"killed right after one result committed; {ranBeforeRestart.Count} notifications had run, {steps.Count - ranBeforeRestart.Count} ran after the restart (in flight at the kill)");
    }

    /// <summary>Workflows whose first activity result is committed: queued for the workflow, or already in its history.</summary>
    private async Task<List<string>> InstancesAnsweredAsync() =>
        await QueryAsync(WorkflowDatabase.FileName, $"""
            SELECT instance_id FROM new_events WHERE event_type = {(int)EventType.TaskCompleted}
            UNION SELECT instance_id FROM history WHERE event_type = {(int)EventType.TaskCompleted} ORDER BY instance_id;
            """, r => r.GetString(0));

    private async Task<long> CountWaitingOnTimerAsync() =>
        (await QueryAsync(WorkflowDatabase.FileName, $"SELECT count(DISTINCT instance_id) FROM history WHERE event_type = {(int)EventType.TimerCreated};", r => r.GetInt64(0))).Single();

    private async Task<List<(string InstanceId, string Step, int Pid)>> StepsAsync() =>
        File.Exists(Path.Combine(_directory.Path, StepLog.FileName))
            ? await QueryAsync(StepLog.FileName, "SELECT instance_id, step, pid FROM steps;", r => (r.GetString(0), r.GetString(1), r.GetInt32(2)))
            : [];

    private async Task<List<T>> QueryAsync<T>(string fileName, string sql, Func<SqliteDataReader, T> read)
    {
        var path = Path.Combine(_directory.Path, fileName);
        if (!File.Exists(path))
        {
            return [];
        }

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public void Dispose() => _directory.Dispose();
}
