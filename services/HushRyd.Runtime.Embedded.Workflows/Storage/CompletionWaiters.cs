using System.Collections.Concurrent;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>Callers waiting for an instance to end; registered before the state is read so no ending slips between.</summary>
internal sealed class CompletionWaiters
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<TaskCompletionSource, byte>> _byInstance = new(StringComparer.Ordinal);

    public TaskCompletionSource Register(string instanceId)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _byInstance.GetOrAdd(instanceId, _ => new()).TryAdd(waiter, 0);
        return waiter;
    }

    public void Remove(string instanceId, TaskCompletionSource waiter)
    {
        if (_byInstance.TryGetValue(instanceId, out var waiters))
        {
            waiters.TryRemove(waiter, out _);
        }
    }

    public void Release(string instanceId)
    {
        if (_byInstance.TryRemove(instanceId, out var waiters))
        {
            foreach (var waiter in waiters.Keys)
            {
                waiter.TrySetResult();
            }
        }
    }
}
