using DurableTask.Core;
using DurableTask.Core.History;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>
/// The filter the sidecar does not apply: what reaches a worker is only messages for the live execution of
/// a live instance, each result and timer once, and never an episode without its ExecutionStarted.
/// </summary>
internal static class DeliverableMessages
{
    public static List<(long Id, TaskMessage Message)> Select(
        OrchestrationStatus status,
        string executionId,
        IReadOnlyList<HistoryEvent> history,
        IReadOnlyList<(long Id, string? ExecutionId, TaskMessage Message)> messages)
    {
        if (status.IsTerminal())
        {
            return [];
        }

        var started = history.Any(e => e is ExecutionStartedEvent);
        var answered = new HashSet<int>(history.Select(AnsweredTaskId).OfType<int>());
        var fired = new HashSet<int>(history.OfType<TimerFiredEvent>().Select(e => e.TimerId));
        var deliver = new List<(long, TaskMessage)>();
        foreach (var (id, messageExecutionId, message) in messages)
        {
            if (messageExecutionId is not null && messageExecutionId != executionId)
            {
                continue;
            }

            var keep = message.Event switch
            {
                ExecutionStartedEvent => !started,
                TimerFiredEvent timer => fired.Add(timer.TimerId),
                var result when AnsweredTaskId(result) is { } taskId => answered.Add(taskId),
                _ => true,
            };
            if (keep)
            {
                started |= message.Event is ExecutionStartedEvent;
                deliver.Add((id, message));
            }
        }

        return started ? deliver : [];
    }

    private static int? AnsweredTaskId(HistoryEvent e) => e switch
    {
        TaskCompletedEvent completed => completed.TaskScheduledId,
        TaskFailedEvent failed => failed.TaskScheduledId,
        SubOrchestrationInstanceCompletedEvent completed => completed.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent failed => failed.TaskScheduledId,
        _ => null,
    };
}
