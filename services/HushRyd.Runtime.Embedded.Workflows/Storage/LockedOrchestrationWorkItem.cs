using DurableTask.Core;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>An orchestration work item with what its checkpoint needs: its lock, the rows it consumed and the execution it locked.</summary>
internal sealed class LockedOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    public required string LockToken { get; init; }

    public required string LockedExecutionId { get; init; }

    public required IReadOnlyList<long> ConsumedMessageIds { get; init; }
}
