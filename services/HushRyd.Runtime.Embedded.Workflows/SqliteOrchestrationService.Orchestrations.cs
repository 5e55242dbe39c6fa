using DurableTask.Core;
using DurableTask.Core.History;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Runtime.Embedded.Workflows.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.Workflows;

public sealed partial class SqliteOrchestrationService
{
    public async Task<TaskOrchestrationWorkItem?> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        await LockNextAsync(_orchestrationsReady, "lock-orchestration", TryLockOrchestration, receiveTimeout, cancellationToken).ConfigureAwait(false);

    private (LockedOrchestrationWorkItem? Item, long? NextDue) TryLockOrchestration(SqliteConnection connection, SqliteTransaction transaction, long now)
    {
        while (true)
        {
            var instanceId = connection.ReadAll(transaction, """
                SELECT e.instance_id FROM new_events e JOIN instances i ON i.instance_id = e.instance_id
                WHERE e.visible_at <= $now AND i.lock_token IS NULL ORDER BY e.id LIMIT 1;
                """, row => row.GetString(0), ("$now", now)).SingleOrDefault();
            if (instanceId is null)
            {
                var nextDue = connection.ReadAll(transaction, """
                    SELECT min(e.visible_at) FROM new_events e JOIN instances i ON i.instance_id = e.instance_id
                    WHERE e.visible_at > $now AND i.lock_token IS NULL;
                    """, row => row.IsDBNull(0) ? (long?)null : row.GetInt64(0), ("$now", now)).Single();
                return (null, nextDue);
            }

            var item = LockInstance(connection, transaction, instanceId, now);
            if (item is not null)
            {
                return (item, null);
            }
        }
    }

    /// <summary>Locks one instance with its deliverable messages, or drops messages it must never see and returns null.</summary>
    private LockedOrchestrationWorkItem? LockInstance(SqliteConnection connection, SqliteTransaction transaction, string instanceId, long now)
    {
        var (executionId, status) = connection.ReadAll(transaction, "SELECT execution_id, status FROM instances WHERE instance_id = $id;", row => (row.GetString(0), (OrchestrationStatus)row.GetInt32(1)), ("$id", instanceId)).Single();
        var messages = connection.ReadAll(transaction, "SELECT id, execution_id, message_json FROM new_events WHERE instance_id = $id AND visible_at <= $now ORDER BY id;",
            row => (Id: row.GetInt64(0), ExecutionId: row.IsDBNull(1) ? null : row.GetString(1), Message: HistoryJson.ReadMessage(row.GetString(2))), ("$id", instanceId), ("$now", now));
        var history = connection.ReadAll(transaction, "SELECT event_json FROM history WHERE instance_id = $id AND execution_id = $execution ORDER BY seq;",
            row => HistoryJson.ReadEvent(row.GetString(0)), ("$id", instanceId), ("$execution", executionId));

        var deliver = DeliverableMessages.Select(status, executionId, history, messages.Select(m => (m.Id, m.ExecutionId, m.Message)).ToList());
        var dropped = messages.Select(m => m.Id).Except(deliver.Select(d => d.Id)).ToList();
        foreach (var id in dropped)
        {
            connection.Execute(transaction, "DELETE FROM new_events WHERE id = $id;", ("$id", id));
        }

        if (dropped.Count > 0)
        {
            _logger.LogInformation("Dropped {Count} stale or duplicate messages for workflow {InstanceId}", dropped.Count, instanceId);
        }

        if (deliver.Count == 0)
        {
            return null;
        }

        var token = Guid.NewGuid().ToString("N");
        connection.Execute(transaction, "UPDATE instances SET lock_token = $token WHERE instance_id = $id;", ("$token", token), ("$id", instanceId));
        return new LockedOrchestrationWorkItem
        {
            InstanceId = instanceId,
            OrchestrationRuntimeState = new OrchestrationRuntimeState(history),
            NewMessages = deliver.Select(d => d.Message).ToList(),
            LockedUntilUtc = DateTime.MaxValue,
            LockToken = token,
            LockedExecutionId = executionId,
            ConsumedMessageIds = deliver.Select(d => d.Id).ToList(),
        };
    }

    // Locks last as long as the process: the sidecar has no heartbeat to renew them with.
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var locked = (LockedOrchestrationWorkItem)workItem;
        var checkpoint = new Checkpoint(locked, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, orchestrationState, NowTicks());
        var effects = await _database.WriteAsync("complete-orchestration", checkpoint.Apply).ConfigureAwait(false);
        if (effects.WroteMessages)
        {
            _orchestrationsReady.Pulse();
        }

        if (effects.WroteTasks)
        {
            _activitiesReady.Pulse();
        }

        if (effects.Ended)
        {
            _completionWaiters.Release(locked.InstanceId);
        }
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var locked = (LockedOrchestrationWorkItem)workItem;
        var now = NowTicks();
        await _database.WriteVolatileAsync("abandon-orchestration", (connection, transaction) =>
        {
            if (!HoldsLock(connection, transaction, locked))
            {
                return 0;
            }

            foreach (var id in locked.ConsumedMessageIds)
            {
                var attempts = connection.ReadAll(transaction, "UPDATE new_events SET attempts = attempts + 1 WHERE id = $id RETURNING attempts;", row => row.GetInt32(0), ("$id", id)).SingleOrDefault();
                connection.Execute(transaction, "UPDATE new_events SET visible_at = $at WHERE id = $id;", ("$at", now + Backoff(attempts).Ticks), ("$id", id));
                if (attempts % 10 == 0 && attempts > 0)
                {
                    _logger.LogError("Workflow {InstanceId} message {MessageId} was abandoned {Attempts} times; it keeps being retried", locked.InstanceId, id, attempts);
                }
            }

            return connection.Execute(transaction, "UPDATE instances SET lock_token = NULL WHERE instance_id = $id AND lock_token = $token;", ("$id", locked.InstanceId), ("$token", locked.LockToken));
        }).ConfigureAwait(false);
        _orchestrationsReady.Pulse();
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var locked = (LockedOrchestrationWorkItem)workItem;
        await _database.WriteVolatileAsync("release-orchestration", (connection, transaction) =>
            connection.Execute(transaction, "UPDATE instances SET lock_token = NULL WHERE instance_id = $id AND lock_token = $token;", ("$id", locked.InstanceId), ("$token", locked.LockToken))).ConfigureAwait(false);

        // Messages that arrived during the episode were held back by the lock; they may go now.
        _orchestrationsReady.Pulse();
    }

    private static bool HoldsLock(SqliteConnection connection, SqliteTransaction transaction, LockedOrchestrationWorkItem locked) =>
        connection.ReadAll(transaction, "SELECT 1 FROM instances WHERE instance_id = $id AND lock_token = $token;", row => true, ("$id", locked.InstanceId), ("$token", locked.LockToken)).Count == 1;
}
