namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>
/// Wakes every waiter of one queue at once. A waiter takes <see cref="Current"/> before it looks for work,
/// so a pulse that lands between its query and its wait is not lost.
/// </summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _next = NewSource();

    public Task Current => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
