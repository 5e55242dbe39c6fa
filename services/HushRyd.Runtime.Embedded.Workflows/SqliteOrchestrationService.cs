using DurableTask.Core;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Runtime.Embedded.Workflows.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.Workflows;

/// <summary>
/// A durable DurableTask.Core backend on one SQLite file (ADR 0006), for Microsoft's in-process
/// <c>TaskHubGrpcServer</c>. One episode per instance at a time, one transaction per checkpoint, timers
/// held back until due, work handed out as soon as it exists (no polling), and every lock dropped when
/// the store is opened again after a crash.
/// </summary>
public sealed partial class SqliteOrchestrationService : IOrchestrationService, IOrchestrationServiceClient, IDisposable
{
    /// <summary>How long a blocked <c>Lock*</c> sleeps at most before it looks again without a wake-up.</summary>
    private static readonly TimeSpan LongestIdleWait = TimeSpan.FromSeconds(5);

    private readonly WorkflowDatabase _database;
    private readonly ILogger<SqliteOrchestrationService> _logger;
    private readonly TimeProvider _time;
    private readonly int _maxConcurrentWorkItems;
    private readonly WakeSignal _orchestrationsReady = new();
    private readonly WakeSignal _activitiesReady = new();
    private readonly CompletionWaiters _completionWaiters = new();
    private readonly CancellationTokenSource _disposed = new();

    public SqliteOrchestrationService(string dataDirectory, ILogger<SqliteOrchestrationService> logger, TimeProvider? time = null, int maxConcurrentWorkItems = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentWorkItems, 1);
        _database = WorkflowDatabase.Open(dataDirectory);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _maxConcurrentWorkItems = maxConcurrentWorkItems;
    }

    public string FilePath => _database.FilePath;

    /// <summary>Runs inside every write transaction just before commit; throwing there plays a crash before commit.</summary>
    internal Action<string>? BeforeCommit
    {
        get => _database.BeforeCommit;
        set => _database.BeforeCommit = value;
    }

    /// <summary>Runs right after a write transaction commits; killing the process there plays a crash just past a commit.</summary>
    internal Action<string>? AfterCommit
    {
        get => _database.AfterCommit;
        set => _database.AfterCommit = value;
    }

    // The sidecar's fetch loops poll every 500 ms once this many items are in flight; set high so they never do.
    public int MaxConcurrentTaskOrchestrationWorkItems => _maxConcurrentWorkItems;

    public int MaxConcurrentTaskActivityWorkItems => _maxConcurrentWorkItems;

    // Only DurableTask.Core's own TaskHubWorker reads these; the sidecar runs its own dispatchers.
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    public int TaskOrchestrationDispatcherCount => 1;

    public int TaskActivityDispatcherCount => 1;

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 1;

    /// <summary>The sidecar passes this to <c>Task.Delay(int)</c>, so it is milliseconds there.</summary>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => exception switch
    {
        OperationCanceledException => 0,
        ObjectDisposedException => 1000,
        _ => 100,
    };

    /// <summary>Recovery already ran when the store was opened; this only makes sure the fetch loops look at once.</summary>
    public Task StartAsync()
    {
        _orchestrationsReady.Pulse();
        _activitiesReady.Pulse();
        return Task.CompletedTask;
    }

    public Task StopAsync() => StopAsync(false);

    public Task StopAsync(bool isForced)
    {
        _orchestrationsReady.Pulse();
        _activitiesReady.Pulse();
        return Task.CompletedTask;
    }

    public Task CreateAsync() => Task.CompletedTask;

    public Task CreateAsync(bool recreateInstanceStore) => recreateInstanceStore
        ? throw new NotSupportedException("The workflow store is never wiped over gRPC; delete its file with the server stopped.")
        : Task.CompletedTask;

    public Task CreateIfNotExistsAsync() => Task.CompletedTask;

    public Task DeleteAsync() => DeleteAsync(true);

    public Task DeleteAsync(bool deleteInstanceStore) =>
        throw new NotSupportedException("The workflow store is never wiped over gRPC; delete its file with the server stopped.");

    /// <summary>True when the store answers a query: the sidecar's readiness.</summary>
    public Task<long> CountInstancesAsync() =>
        _database.ReadAsync(connection => connection.ReadAll(null, "SELECT count(*) FROM instances;", row => row.GetInt64(0)).Single());

    private long NowTicks() => _time.GetUtcNow().UtcTicks;

    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Max(0, attempts - 1)), LongestIdleWait.TotalMilliseconds));

    /// <summary>
    /// Blocks until <paramref name="tryLock"/> finds work: it looks, then sleeps until the queue is pulsed or
    /// its next held-back item comes due. Null only when a finite <paramref name="receiveTimeout"/> passes.
    /// </summary>
    private async Task<T?> LockNextAsync<T>(
        WakeSignal ready,
        string operation,
        Func<SqliteConnection, SqliteTransaction, long, (T? Item, long? NextDue)> tryLock,
        TimeSpan receiveTimeout,
        CancellationToken cancellationToken)
        where T : class
    {
        using var linked = LinkWithDisposal(cancellationToken);
        var deadline = receiveTimeout <= TimeSpan.Zero ? (DateTimeOffset?)null : _time.GetUtcNow() + receiveTimeout;
        while (true)
        {
            linked.Token.ThrowIfCancellationRequested();
            var signal = ready.Current;
            var (item, nextDue) = await _database.WriteVolatileAsync(operation, (c, t) => tryLock(c, t, NowTicks())).ConfigureAwait(false);
            if (item is not null)
            {
                return item;
            }

            if (deadline is { } end && _time.GetUtcNow() >= end)
            {
                return null;
            }

            await WaitForWorkAsync(signal, nextDue, deadline, linked.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for a pulse of <paramref name="signal"/> (captured before the caller's query), for the next due
    /// time, or for the caller's deadline, whichever comes first.
    /// </summary>
    private async Task WaitForWorkAsync(Task signal, long? nextDueTicks, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var wait = LongestIdleWait;
        if (nextDueTicks is { } due)
        {
            wait = TimeSpan.FromTicks(Math.Clamp(due - now.UtcTicks, 0, wait.Ticks));
        }

        if (deadline is { } end && end - now < wait)
        {
            wait = end > now ? end - now : TimeSpan.Zero;
        }

        try
        {
            await signal.WaitAsync(wait, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to look again: a timer came due or the wait cap passed.
        }
    }

    private CancellationTokenSource LinkWithDisposal(CancellationToken cancellationToken) =>
        CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _database.Dispose();
    }
}
