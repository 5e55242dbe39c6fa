using System.Collections.Concurrent;
using Dapr.Workflow;

namespace HushRyd.IntegrationTests.Workflows;

public sealed record AckOrTimerInput(int TimerMilliseconds);

public sealed record StepInput(string InstanceId, string Step);

/// <summary>An SOS-shaped round: one activity, then an acknowledgement raced against a durable timer, then a second activity.</summary>
public sealed class AckOrTimerWorkflow : Workflow<AckOrTimerInput, string>
{
    public const string AckEvent = "acknowledged";

    public override async Task<string> RunAsync(WorkflowContext context, AckOrTimerInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.CallActivityAsync<string>(nameof(RecordStepActivity), new StepInput(context.InstanceId, "notified"));
        using var cancelLoser = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromMilliseconds(input.TimerMilliseconds), cancelLoser.Token);
        var ack = context.WaitForExternalEventAsync<string>(AckEvent, cancelLoser.Token);
        var winner = await Task.WhenAny(timer, ack);
        var outcome = winner == ack ? "ack:" + await ack : "timer";
        // Cancel, not CancelAsync: workflow code must stay on the worker's replay thread.
        cancelLoser.Cancel();
        await context.CallActivityAsync<string>(nameof(RecordStepActivity), new StepInput(context.InstanceId, outcome));
        return outcome;
    }
}

public sealed class OneActivityWorkflow : Workflow<int, int>
{
    public override Task<int> RunAsync(WorkflowContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<int>(nameof(IncrementActivity), input);
    }
}

public sealed class IncrementActivity : WorkflowActivity<int, int>
{
    public override Task<int> RunAsync(WorkflowActivityContext context, int input) => Task.FromResult(input + 1);
}

/// <summary>Counts every run of every step, per instance, across host restarts in one test process.</summary>
public sealed class RecordStepActivity : WorkflowActivity<StepInput, string>
{
    public static readonly ConcurrentDictionary<(string InstanceId, string Step), int> Runs = new();

    public static int RunsOf(string instanceId, string step) => Runs.GetValueOrDefault((instanceId, step));

    public override Task<string> RunAsync(WorkflowActivityContext context, StepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Runs.AddOrUpdate((input.InstanceId, input.Step), 1, (_, n) => n + 1);
        return Task.FromResult(input.Step);
    }
}
