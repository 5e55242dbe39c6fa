using Dapr.Workflow;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record ReadAlertStatusInput(string AlertId);

/// <summary>
/// The stored status, read when the workflow is about to wait for the closing event: a close stored while its event
/// was lost must not leave the workflow waiting for ever.
/// </summary>
public sealed class ReadAlertStatusActivity(ISosAlertStore alerts) : WorkflowActivity<ReadAlertStatusInput, SosStatus>
{
    public override async Task<SosStatus> RunAsync(WorkflowActivityContext context, ReadAlertStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await alerts.RequireAsync(input.AlertId)).Status;
    }
}
