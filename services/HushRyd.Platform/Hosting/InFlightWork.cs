using System.Collections.Concurrent;

namespace HushRyd.Platform.Hosting;

/// <summary>
/// Background work tracked by key while it runs, so a fetch loop can skip what is already being handled and a graceful
/// stop can wait for it. Each piece is registered before it starts: one that finished before its entry was added would
/// leave the entry behind, and its key would be skipped as still running until a restart.
/// </summary>
public sealed class InFlightWork<TKey>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task> _running = new();

    public bool IsRunning(TKey key) => _running.ContainsKey(key);

    /// <summary>Starts <paramref name="work"/> on the thread pool; the work calls <see cref="Finished"/> when it ends.</summary>
    public void Start(TKey key, Func<Task> work)
    {
        var start = new Task<Task>(work);
        _running[key] = start.Unwrap();
        start.Start(TaskScheduler.Default);
    }

    public void Finished(TKey key) => _running.TryRemove(key, out _);

    public Task WhenAllFinished() => Task.WhenAll(_running.Values);
}
