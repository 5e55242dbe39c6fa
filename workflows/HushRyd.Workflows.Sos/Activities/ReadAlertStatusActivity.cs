using Dapr.Workflow;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record ReadAlertStatusInput(string AlertId);

/// <summary>
/// The stored status decides whether to escalate after a timer fired: an acknowledgement stored just after the timer
/// fired (its event still on the way) must stop the page, and so must one whose event was never delivered.
/// </summary>
public sealed class ReadAlertStatusActivity(ISosAlertStore alerts) : WorkflowActivity<ReadAlertStatusInput, SosStatus>
{
    public override async Task<SosStatus> RunAsync(WorkflowActivityContext context, ReadAlertStatusInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await alerts.RequireAsync(input.AlertId)).Status;
    }
}
