using DurableTask.Core;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Runtime.Embedded.Workflows.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.Workflows;

public sealed partial class SqliteOrchestrationService
{
    public async Task<TaskActivityWorkItem?> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        await LockNextAsync(_activitiesReady, "lock-activity", TryLockActivity, receiveTimeout, cancellationToken).ConfigureAwait(false);

    private static (LockedActivityWorkItem? Item, long? NextDue) TryLockActivity(SqliteConnection connection, SqliteTransaction transaction, long now)
    {
        var token = Guid.NewGuid().ToString("N");
        var row = connection.ReadAll(transaction, """
            UPDATE tasks SET lock_token = $token, attempts = attempts + 1
            WHERE id = (SELECT id FROM tasks WHERE lock_token IS NULL AND visible_at <= $now ORDER BY id LIMIT 1)
            RETURNING id, message_json, attempts;
            """, r => (Id: r.GetInt64(0), Json: r.GetString(1), Attempts: r.GetInt32(2)), ("$token", token), ("$now", now)).SingleOrDefault();
        if (row == default)
        {
            var nextDue = connection.ReadAll(transaction, "SELECT min(visible_at) FROM tasks WHERE lock_token IS NULL AND visible_at > $now;",
                r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0), ("$now", now)).Single();
            return (null, nextDue);
        }

        return (new LockedActivityWorkItem
        {
            Id = row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TaskMessage = HistoryJson.ReadMessage(row.Json),
            LockedUntilUtc = DateTime.MaxValue,
            DeliveryAttempt = row.Attempts,
            RowId = row.Id,
            LockToken = token,
            Attempts = row.Attempts,
        }, null);
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Task.FromResult(workItem);

    /// <summary>
    /// Removes the task and queues its result in one transaction. A task already gone (answered before, or its
    /// workflow ended or moved on) keeps its first answer: this one is dropped.
    /// </summary>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        var locked = (LockedActivityWorkItem)workItem;
        var queued = await _database.WriteAsync("complete-activity", (connection, transaction) =>
        {
            if (connection.Execute(transaction, "DELETE FROM tasks WHERE id = $id AND lock_token = $token;", ("$id", locked.RowId), ("$token", locked.LockToken)) != 1)
            {
                return false;
            }

            var target = responseMessage.OrchestrationInstance;
            var live = connection.ReadAll(transaction, "SELECT status FROM instances WHERE instance_id = $id AND execution_id = $execution;",
                r => (OrchestrationStatus)r.GetInt32(0), ("$id", target.InstanceId), ("$execution", target.ExecutionId)).Any(status => !status.IsTerminal());
            if (live)
            {
                InstanceMessages.Enqueue(connection, transaction, responseMessage, 0);
            }

            return live;
        }).ConfigureAwait(false);
        if (queued)
        {
            _orchestrationsReady.Pulse();
        }
        else
        {
            _logger.LogInformation("Dropped the result of task {TaskRow} of workflow {InstanceId}: answered before, or its workflow ended", locked.RowId, locked.TaskMessage.OrchestrationInstance.InstanceId);
        }
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        var locked = (LockedActivityWorkItem)workItem;
        var visibleAt = NowTicks() + Backoff(locked.Attempts).Ticks;
        await _database.WriteVolatileAsync("abandon-activity", (connection, transaction) =>
            connection.Execute(transaction, "UPDATE tasks SET lock_token = NULL, visible_at = $at WHERE id = $id AND lock_token = $token;",
                ("$at", visibleAt), ("$id", locked.RowId), ("$token", locked.LockToken))).ConfigureAwait(false);
        _activitiesReady.Pulse();
    }
}
