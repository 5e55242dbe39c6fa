using DurableTask.Core;
using DurableTask.Core.History;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>
/// One episode's results written in one transaction: new history, the activities and timers it scheduled,
/// messages to other instances, the consumed messages removed, the instance row updated and unlocked.
/// </summary>
internal sealed class Checkpoint(
    LockedOrchestrationWorkItem workItem,
    OrchestrationRuntimeState newState,
    IList<TaskMessage> activities,
    IList<TaskMessage> orchestratorMessages,
    IList<TaskMessage> timers,
    OrchestrationState? status,
    long now)
{
    public sealed record Effects(bool WroteMessages, bool WroteTasks, bool Ended);

    public Effects Apply(SqliteConnection connection, SqliteTransaction transaction)
    {
        var instanceId = workItem.InstanceId;
        var executionId = newState.OrchestrationInstance?.ExecutionId ?? workItem.LockedExecutionId;
        if (connection.Execute(transaction, "UPDATE instances SET updated_at = $now WHERE instance_id = $id AND lock_token = $token;", ("$now", now), ("$id", instanceId), ("$token", workItem.LockToken)) != 1)
        {
            throw new InvalidOperationException($"Workflow {instanceId} is no longer locked by this work item; its episode is not written.");
        }

        if (executionId != workItem.LockedExecutionId)
        {
            // ContinueAsNew: the old execution's history and pending work go; its task ids start again at 0.
            connection.Execute(transaction, "DELETE FROM history WHERE instance_id = $id;", ("$id", instanceId));
            connection.Execute(transaction, "DELETE FROM tasks WHERE instance_id = $id AND lock_token IS NULL;", ("$id", instanceId));
            connection.Execute(transaction, "DELETE FROM new_events WHERE instance_id = $id AND execution_id = $old;", ("$id", instanceId), ("$old", workItem.LockedExecutionId));
        }

        AppendHistory(connection, transaction, instanceId, executionId);
        foreach (var activity in activities)
        {
            var scheduled = (TaskScheduledEvent)activity.Event;
            connection.Execute(transaction, """
                INSERT INTO tasks (instance_id, execution_id, task_id, name, message_json, visible_at)
                VALUES ($id, $execution, $task, $name, $message, 0);
                """, ("$id", instanceId), ("$execution", executionId), ("$task", scheduled.EventId), ("$name", scheduled.Name), ("$message", HistoryJson.Write(activity)));
        }

        foreach (var timer in timers)
        {
            var fireAt = UtcTicks.Of(((TimerFiredEvent)timer.Event).FireAt);
            InstanceMessages.Enqueue(connection, transaction, timer, fireAt);
        }

        var wroteMessages = timers.Count > 0;
        foreach (var message in orchestratorMessages)
        {
            wroteMessages |= InstanceMessages.Deliver(connection, transaction, message, now);
        }

        foreach (var id in workItem.ConsumedMessageIds)
        {
            if (connection.Execute(transaction, "DELETE FROM new_events WHERE id = $id;", ("$id", id)) != 1)
            {
                throw new InvalidOperationException($"Message {id} of workflow {instanceId} was consumed twice; the episode is not written.");
            }
        }

        var ended = UpdateInstance(connection, transaction, instanceId, executionId);
        return new Effects(wroteMessages, activities.Count > 0, ended);
    }

    private void AppendHistory(SqliteConnection connection, SqliteTransaction transaction, string instanceId, string executionId)
    {
        var seq = newState.PastEvents.Count;
        foreach (var historyEvent in newState.NewEvents)
        {
            connection.Execute(transaction, """
                INSERT INTO history (instance_id, execution_id, seq, event_type, event_json) VALUES ($id, $execution, $seq, $type, $json);
                """, ("$id", instanceId), ("$execution", executionId), ("$seq", seq++), ("$type", (int)historyEvent.EventType), ("$json", HistoryJson.Write(historyEvent)));
        }
    }

    private bool UpdateInstance(SqliteConnection connection, SqliteTransaction transaction, string instanceId, string executionId)
    {
        var runtimeStatus = status?.OrchestrationStatus ?? newState.OrchestrationStatus;
        var ended = runtimeStatus.IsTerminal();
        connection.Execute(transaction, """
            UPDATE instances SET execution_id = $execution, name = $name, version = $version, status = $status, updated_at = $now,
                completed_at = $completed, input = $input, output = $output, custom_status = $custom, failure_json = $failure,
                tags_json = $tags, lock_token = NULL
            WHERE instance_id = $id;
            """,
            ("$execution", executionId),
            ("$name", newState.Name),
            ("$version", newState.Version),
            ("$status", (int)runtimeStatus),
            ("$now", now),
            ("$completed", ended ? now : null),
            ("$input", newState.Input),
            ("$output", newState.Output),
            ("$custom", status?.Status ?? newState.Status),
            ("$failure", status?.FailureDetails is { } failure ? HistoryJson.Write(failure) : null),
            ("$tags", InstanceRows.TagsJson(newState.Tags)),
            ("$id", instanceId));
        if (ended)
        {
            // A terminated SOS must send nothing more: its queued work and timers go with it.
            connection.Execute(transaction, "DELETE FROM tasks WHERE instance_id = $id AND lock_token IS NULL;", ("$id", instanceId));
            connection.Execute(transaction, "DELETE FROM new_events WHERE instance_id = $id;", ("$id", instanceId));
        }

        return ended;
    }
}
