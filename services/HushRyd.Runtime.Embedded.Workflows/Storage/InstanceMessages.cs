using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>Writing messages to instances: a start creates the instance row, anything else goes only to a live instance.</summary>
internal static class InstanceMessages
{
    public static void Enqueue(SqliteConnection connection, SqliteTransaction transaction, TaskMessage message, long visibleAt) =>
        connection.Execute(transaction, """
            INSERT INTO new_events (instance_id, execution_id, event_type, visible_at, message_json) VALUES ($id, $execution, $type, $visible, $json);
            """,
            ("$id", message.OrchestrationInstance.InstanceId),
            ("$execution", message.OrchestrationInstance.ExecutionId),
            ("$type", (int)message.Event.EventType),
            ("$visible", visibleAt),
            ("$json", HistoryJson.Write(message)));

    /// <summary>Returns whether the message was queued (false: its instance is gone or has ended).</summary>
    public static bool Deliver(SqliteConnection connection, SqliteTransaction transaction, TaskMessage message, long now)
    {
        if (message.Event is ExecutionStartedEvent)
        {
            Create(connection, transaction, message, OrchestrationStatuses.Active, now);
            return true;
        }

        var status = StatusOf(connection, transaction, message.OrchestrationInstance.InstanceId);
        if (status is null || status.Value.IsTerminal())
        {
            return false;
        }

        Enqueue(connection, transaction, message, 0);
        return true;
    }

    public static OrchestrationStatus? StatusOf(SqliteConnection connection, SqliteTransaction transaction, string instanceId) =>
        connection.ReadAll(transaction, "SELECT status FROM instances WHERE instance_id = $id;", row => (OrchestrationStatus?)row.GetInt32(0), ("$id", instanceId)).SingleOrDefault();

    /// <summary>A new Pending instance with its start message; an ended instance of the same id is replaced, one in <paramref name="dedupe"/> is refused.</summary>
    public static void Create(SqliteConnection connection, SqliteTransaction transaction, TaskMessage message, OrchestrationStatus[] dedupe, long now)
    {
        var started = (ExecutionStartedEvent)message.Event;
        var instanceId = message.OrchestrationInstance.InstanceId;
        var existing = connection.ReadAll(transaction, "SELECT status, lock_token IS NOT NULL FROM instances WHERE instance_id = $id;",
            row => (Status: (OrchestrationStatus)row.GetInt32(0), Locked: row.GetBoolean(1)), ("$id", instanceId)).SingleOrDefault();
        if (existing != default)
        {
            if (Array.IndexOf(dedupe, existing.Status) >= 0 || existing.Locked)
            {
                throw new OrchestrationAlreadyExistsException($"A workflow with id '{instanceId}' already exists and is {existing.Status}.");
            }

            Purge(connection, transaction, instanceId);
        }

        connection.Execute(transaction, """
            INSERT INTO instances (instance_id, execution_id, name, version, status, created_at, updated_at, input, tags_json, parent_json)
            VALUES ($id, $execution, $name, $version, $status, $now, $now, $input, $tags, $parent);
            """,
            ("$id", instanceId),
            ("$execution", message.OrchestrationInstance.ExecutionId),
            ("$name", started.Name ?? string.Empty),
            ("$version", started.Version),
            ("$status", (int)OrchestrationStatus.Pending),
            ("$now", now),
            ("$input", started.Input),
            ("$tags", InstanceRows.TagsJson(started.Tags)),
            ("$parent", started.ParentInstance is { } parent ? HistoryJson.Write(parent) : null));
        Enqueue(connection, transaction, message, started.ScheduledStartTime is { } at ? UtcTicks.Of(at) : 0);
    }

    public static int Purge(SqliteConnection connection, SqliteTransaction transaction, string instanceId)
    {
        connection.Execute(transaction, "DELETE FROM history WHERE instance_id = $id; DELETE FROM new_events WHERE instance_id = $id; DELETE FROM tasks WHERE instance_id = $id;", ("$id", instanceId));
        return connection.Execute(transaction, "DELETE FROM instances WHERE instance_id = $id;", ("$id", instanceId));
    }
}
