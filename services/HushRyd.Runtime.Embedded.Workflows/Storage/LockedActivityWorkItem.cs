using DurableTask.Core;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

internal sealed class LockedActivityWorkItem : TaskActivityWorkItem
{
    public required long RowId { get; init; }

    public required string LockToken { get; init; }

    public required int Attempts { get; init; }
}
