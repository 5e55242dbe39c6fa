using Dapr.Workflow;
using HushRyd.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>
/// A fast stand-in for the Dapr worker's <see cref="WorkflowContext"/>: one thread, virtual time. Activities run
/// inline through <see cref="Activities"/> (their failures reach the workflow as <see cref="WorkflowTaskFailedException"/>,
/// as the SDK delivers them); timers and external events complete when <see cref="RunAsync"/> moves the clock to them.
/// Events raised with no waiter are kept for the next waiter of that name, as durabletask buffers them.
/// </summary>
public sealed class VirtualWorkflowContext(string instanceId, ManualTimeProvider clock) : WorkflowContext
{
    private readonly List<(DateTimeOffset Due, TaskCompletionSource Fired)> _timers = [];
    private readonly List<(DateTimeOffset At, string? Name, string Payload, Action? BeforeDelivery)> _events = [];
    private readonly Dictionary<string, Queue<TaskCompletionSource<string>>> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<string>> _buffered = new(StringComparer.Ordinal);

    public Dictionary<string, Func<object?, object?>> Activities { get; } = new(StringComparer.Ordinal);

    public List<(DateTimeOffset At, string Activity)> Calls { get; } = [];

    /// <summary>Activities whose calls are answered only when <see cref="RunAsync"/> has nothing else to do, as if their worker were slow.</summary>
    public HashSet<string> Slow { get; } = new(StringComparer.Ordinal);

    /// <summary>The activities called while a call to a <see cref="Slow"/> activity was still unanswered.</summary>
    public List<string> CalledWhileSlowPending { get; } = [];

    private readonly Queue<Action> _slowAnswers = new();

    public override string InstanceId => instanceId;

    public override string Name => "SosWorkflow";

    public override DateTime CurrentUtcDateTime => clock.GetUtcNow().UtcDateTime;

    public override bool IsReplaying => false;

    /// <summary>At <paramref name="at"/>, runs <paramref name="beforeDelivery"/> (the API's store write) and then delivers the event.</summary>
    public void RaiseAt(DateTimeOffset at, string name, string payload, Action? beforeDelivery = null) => _events.Add((at, name, payload, beforeDelivery));

    /// <summary>Runs <paramref name="action"/> (a write by the API, say) when the clock reaches <paramref name="at"/>.</summary>
    public void DoAt(DateTimeOffset at, Action action) => _events.Add((at, null, string.Empty, action));

    /// <summary>Runs the workflow to completion, jumping the clock from one timer or event to the next; timers due at the same instant as an event fire first.</summary>
    public async Task<T> RunAsync<T>(Func<WorkflowContext, Task<T>> workflow, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var end = clock.GetUtcNow() + limit;
        var run = workflow(this);
        while (!run.IsCompleted)
        {
            if (_slowAnswers.TryDequeue(out var answer))
            {
                answer();
                continue;
            }

            var nextTimer = _timers.Count == 0 ? DateTimeOffset.MaxValue : _timers.Min(t => t.Due);
            var nextEvent = _events.Count == 0 ? DateTimeOffset.MaxValue : _events.Min(e => e.At);
            var next = nextTimer <= nextEvent ? nextTimer : nextEvent;

            if (next == DateTimeOffset.MaxValue || next > end)
            {
                throw new TimeoutException($"The workflow is blocked at {clock.GetUtcNow():O} with nothing left to wake it.");
            }

            if (next > clock.GetUtcNow())
            {
                clock.Set(next);
            }

            if (nextTimer <= nextEvent)
            {
                var timer = _timers.First(t => t.Due == next);
                _timers.Remove(timer);
                timer.Fired.TrySetResult();
            }
            else
            {
                var raised = _events.First(e => e.At == next);
                _events.Remove(raised);
                raised.BeforeDelivery?.Invoke();
                if (raised.Name is not null)
                {
                    Deliver(raised.Name, raised.Payload);
                }
            }
        }

        return await run;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var fired = new TaskCompletionSource();
        var entry = (new DateTimeOffset(fireAt, TimeSpan.Zero), fired);
        _timers.Add(entry);
        cancellationToken.Register(() =>
        {
            _timers.Remove(entry);
            fired.TrySetCanceled(cancellationToken);
        });
        return fired.Task;
    }

    public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    public override async Task<T> WaitForExternalEventAsync<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (_buffered.TryGetValue(eventName, out var kept) && kept.Count > 0)
        {
            return (T)(object)kept.Dequeue();
        }

        var waiter = new TaskCompletionSource<string>();
        if (!_waiters.TryGetValue(eventName, out var queue))
        {
            _waiters[eventName] = queue = new Queue<TaskCompletionSource<string>>();
        }

        queue.Enqueue(waiter);
        return (T)(object)await waiter.Task;
    }

    public override Task<T> WaitForExternalEventAsync<T>(string eventName, TimeSpan timeout) =>
        throw new NotSupportedException("SosWorkflow races its own timer so that it can read the stored state when it fires.");

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null)
    {
        Calls.Add((clock.GetUtcNow(), name));
        if (_slowAnswers.Count > 0)
        {
            CalledWhileSlowPending.Add(name);
        }

        if (Slow.Contains(name))
        {
            var answered = new TaskCompletionSource<TResult>();
            _slowAnswers.Enqueue(() => Complete(answered, Answer<TResult>(name, input)));
            return answered.Task;
        }

        return Answer<TResult>(name, input);
    }

    private static void Complete<TResult>(TaskCompletionSource<TResult> answered, Task<TResult> result)
    {
        if (result.IsFaulted)
        {
            answered.SetException(result.Exception!.InnerException!);
        }
        else
        {
            answered.SetResult(result.Result);
        }
    }

    private Task<TResult> Answer<TResult>(string name, object? input)
    {
        try
        {
            return Task.FromResult((TResult)Activities[name](input)!);
        }
#pragma warning disable CA1031 // Any activity failure reaches the workflow the way the SDK delivers it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<TResult>(new WorkflowTaskFailedException($"Activity {name} failed", new WorkflowTaskFailureDetails(ex.GetType().FullName!, ex.Message, ex.StackTrace)));
        }
    }

    public override Task CallActivityAsync(string name, object? input = null, WorkflowTaskOptions? options = null) => CallActivityAsync<object?>(name, input, options);

    public override bool IsPatched(string patchName) => true;

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override void SetCustomStatus(object? customStatus)
    {
    }

    public override Task<TResult> CallChildWorkflowAsync<TResult>(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null) => throw new NotSupportedException();

    public override Task CallChildWorkflowAsync(string workflowName, object? input = null, ChildWorkflowTaskOptions? options = null) => throw new NotSupportedException();

    public override ILogger CreateReplaySafeLogger(string categoryName) => NullLogger.Instance;

    public override ILogger CreateReplaySafeLogger(Type type) => NullLogger.Instance;

    public override ILogger<T> CreateReplaySafeLogger<T>() => NullLogger<T>.Instance;

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException("SosWorkflow must not rely on ContinueAsNew.");

    public override Guid NewGuid() => Guid.NewGuid();

    public override PropagatedHistory? GetPropagatedHistory() => null;

    private void Deliver(string name, string payload)
    {
        if (_waiters.TryGetValue(name, out var queue) && queue.Count > 0)
        {
            queue.Dequeue().TrySetResult(payload);
            return;
        }

        if (!_buffered.TryGetValue(name, out var kept))
        {
            _buffered[name] = kept = new Queue<string>();
        }

        kept.Enqueue(payload);
    }
}
