using Dapr.Workflow;

namespace HushRyd.Workflows.Sos.WarmUp;

/// <summary>
/// Run once when a process starts, through the same client, runtime, orchestration dispatch and activity dispatch as
/// <see cref="Workflows.SosWorkflow"/>, so that the first SOS after a deploy does not pay for the first connection and
/// the first compilation of that path (1.3–1.7 s on the 2-core test machine). Touches no alert.
/// </summary>
public sealed class WarmUpWorkflow : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.CallActivityAsync<string>(nameof(WarmUpActivity), input);
    }
}
