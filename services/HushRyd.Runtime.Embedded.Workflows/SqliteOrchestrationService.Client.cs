using DurableTask.Core;
using DurableTask.Core.History;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Runtime.Embedded.Workflows.Storage;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.Workflows;

public sealed partial class SqliteOrchestrationService
{
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, null!);

    /// <summary>Starts an instance; one that is Pending, Running or Suspended (or in <paramref name="dedupeStatuses"/>) is refused with <see cref="DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/>.</summary>
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent)
        {
            throw new ArgumentException("A workflow starts with an ExecutionStarted message.", nameof(creationMessage));
        }

        var now = NowTicks();
        await _database.WriteAsync("create", (connection, transaction) =>
        {
            InstanceMessages.Create(connection, transaction, creationMessage, dedupeStatuses ?? OrchestrationStatuses.Active, now);
            return true;
        }).ConfigureAwait(false);
        _orchestrationsReady.Pulse();
    }

    public async Task SendTaskOrchestrationMessageAsync(TaskMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        await SendTaskOrchestrationMessageBatchAsync(message).ConfigureAwait(false);
    }

    /// <summary>Queues events to live instances; an unknown instance is an error, an ended one drops the event.</summary>
    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await _database.WriteAsync("send", (connection, transaction) =>
        {
            foreach (var message in messages)
            {
                var instanceId = message.OrchestrationInstance.InstanceId;
                var status = InstanceMessages.StatusOf(connection, transaction, instanceId)
                    ?? throw new InvalidOperationException($"No workflow with id '{instanceId}'.");
                if (status.IsTerminal())
                {
                    _logger.LogInformation("Dropped {EventType} for workflow {InstanceId}: it is {Status}", message.Event.EventType, instanceId, status);
                    continue;
                }

                InstanceMessages.Enqueue(connection, transaction, message, 0);
            }

            return true;
        }).ConfigureAwait(false);
        _orchestrationsReady.Pulse();
    }

    /// <summary>The worker carries out termination: it answers any history holding ExecutionTerminated with a Terminated completion.</summary>
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageBatchAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    public Task<OrchestrationState?> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        _database.ReadAsync(connection => InstanceRows.Find(connection, null, instanceId));

    /// <summary>Only the latest execution is kept, so the list holds at most one state.</summary>
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var state = await GetOrchestrationStateAsync(instanceId, executionId: null!).ConfigureAwait(false);
        return state is null ? [] : [state];
    }

    /// <summary>The state once the instance has ended; null when <paramref name="timeout"/> passes first (zero or less waits for ever).</summary>
    public async Task<OrchestrationState?> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = _completionWaiters.Register(instanceId);
        try
        {
            var state = await GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false);
            if (state is not null && state.OrchestrationStatus.IsTerminal())
            {
                return state;
            }

            var wait = timeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout;
            using var linked = LinkWithDisposal(cancellationToken);
            await waiter.Task.WaitAsync(wait, _time, linked.Token).ConfigureAwait(false);
            return await GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _completionWaiters.Remove(instanceId, waiter);
        }
    }

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        _database.ReadAsync(connection =>
        {
            var events = connection.ReadAll(null, """
                SELECT h.event_json FROM history h JOIN instances i ON i.instance_id = h.instance_id AND i.execution_id = h.execution_id
                WHERE h.instance_id = $id ORDER BY h.seq;
                """, row => HistoryJson.ReadEvent(row.GetString(0)), ("$id", instanceId));
            return HistoryJson.Write(events);
        });

    public async Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            _ => "updated_at",
        };
        await PurgeWhereAsync($"{column} < $threshold", ("$threshold", UtcTicks.Of(thresholdDateTimeUtc))).ConfigureAwait(false);
    }
}
