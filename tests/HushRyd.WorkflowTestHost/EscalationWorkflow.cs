using Dapr.Workflow;

namespace HushRyd.WorkflowTestHost;

public sealed record LoggedStep(string InstanceId, string Step);

/// <summary>Notify, wait for an acknowledgement against a timer, then escalate or close: the SOS shape.</summary>
public sealed class EscalationWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CallActivityAsync<string>(nameof(LoggedStepActivity), new LoggedStep(context.InstanceId, "notified"));
        using var cancelLoser = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromMilliseconds(input), cancelLoser.Token);
        var ack = context.WaitForExternalEventAsync<string>("acknowledged", cancelLoser.Token);
        var outcome = await Task.WhenAny(timer, ack) == ack ? "acknowledged" : "escalated";
        cancelLoser.Cancel();
        await context.CallActivityAsync<string>(nameof(LoggedStepActivity), new LoggedStep(context.InstanceId, outcome));
        return outcome;
    }
}

public sealed class LoggedStepActivity : WorkflowActivity<LoggedStep, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, LoggedStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        StepLog.Append(input.InstanceId, input.Step);
        return Task.FromResult(input.Step);
    }
}
