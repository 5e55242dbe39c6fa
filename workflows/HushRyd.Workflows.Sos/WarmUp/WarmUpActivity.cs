using Dapr.Workflow;

namespace HushRyd.Workflows.Sos.WarmUp;

/// <summary>Answers with its input: the round trip is the point (<see cref="WarmUpWorkflow"/>).</summary>
public sealed class WarmUpActivity : WorkflowActivity<string, string>
{
    public override Task<string> RunAsync(WorkflowActivityContext context, string input) => Task.FromResult(input);
}
