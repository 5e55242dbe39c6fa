using DurableTask.Core;
using DurableTask.Core.History;
using HushRyd.Runtime.Embedded.Workflows;

namespace HushRyd.IntegrationTests.Workflows;

/// <summary>Drives the store the way TaskHubGrpcServer's dispatcher does, with the worker's decisions written by the test.</summary>
internal static class OrchestrationEpisodes
{
    public static TaskMessage Start(string instanceId, string input = "\"in\"")
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        return new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, input) { Name = "SosWorkflow", Version = string.Empty, OrchestrationInstance = instance, Tags = new Dictionary<string, string>() },
        };
    }

    public static TaskMessage Raise(string instanceId, string name, string input) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
        Event = new EventRaisedEvent(-1, input) { Name = name },
    };

    public sealed class Decisions
    {
        public List<TaskMessage> Activities { get; } = [];

        public List<TaskMessage> Timers { get; } = [];

        public OrchestrationStatus? End { get; set; }
    }

    /// <summary>One episode: the new messages join the history, <paramref name="decide"/> adds actions, the checkpoint is written, the lock released.</summary>
    public static async Task RunAsync(SqliteOrchestrationService store, TaskOrchestrationWorkItem workItem, Action<OrchestrationRuntimeState, Decisions> decide, bool release = true)
    {
        var state = workItem.OrchestrationRuntimeState;
        state.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in workItem.NewMessages)
        {
            state.AddEvent(message.Event);
        }

        var decisions = new Decisions();
        decide(state, decisions);
        if (decisions.End is { } end)
        {
            state.AddEvent(new ExecutionCompletedEvent(100, "\"out\"", end));
        }

        state.AddEvent(new OrchestratorCompletedEvent(-1));
        var status = new OrchestrationState
        {
            OrchestrationInstance = state.OrchestrationInstance,
            Name = state.Name,
            Version = state.Version,
            Tags = state.Tags,
            OrchestrationStatus = state.OrchestrationStatus,
            CreatedTime = state.CreatedTime,
            CompletedTime = state.CompletedTime,
            LastUpdatedTime = DateTime.UtcNow,
            Input = state.Input,
            Output = state.Output,
        };
        try
        {
            await store.CompleteTaskOrchestrationWorkItemAsync(workItem, state, decisions.Activities, [], decisions.Timers, null!, status);
        }
        catch
        {
            await store.AbandonTaskOrchestrationWorkItemAsync(workItem);
            throw;
        }
        finally
        {
            if (release)
            {
                await store.ReleaseTaskOrchestrationWorkItemAsync(workItem);
            }
        }
    }

    public static void ScheduleActivity(OrchestrationRuntimeState state, Decisions decisions, int taskId, string name)
    {
        var scheduled = new TaskScheduledEvent(taskId, name, string.Empty, "\"a\"");
        state.AddEvent(scheduled);
        decisions.Activities.Add(new TaskMessage { Event = scheduled, OrchestrationInstance = state.OrchestrationInstance });
    }

    public static void CreateTimer(OrchestrationRuntimeState state, Decisions decisions, int timerId, DateTime fireAt)
    {
        state.AddEvent(new TimerCreatedEvent(timerId, fireAt));
        decisions.Timers.Add(new TaskMessage { Event = new TimerFiredEvent(-1, fireAt) { TimerId = timerId }, OrchestrationInstance = state.OrchestrationInstance });
    }

    public static TaskMessage Completed(TaskActivityWorkItem task) => new()
    {
        OrchestrationInstance = task.TaskMessage.OrchestrationInstance,
        Event = new TaskCompletedEvent(-1, task.TaskMessage.Event.EventId, "\"done\""),
    };
}
