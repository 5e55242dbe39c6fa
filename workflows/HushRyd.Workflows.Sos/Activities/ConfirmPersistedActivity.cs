using Dapr.Workflow;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record ConfirmPersistedInput(string AlertId);

/// <summary>Step 1: the alert is in the record store (else nothing is sent); marks its workflow as running for the re-starter. Idempotent.</summary>
public sealed class ConfirmPersistedActivity(ISosAlertStore alerts) : WorkflowActivity<ConfirmPersistedInput, SosAlert?>
{
    public override async Task<SosAlert?> RunAsync(WorkflowActivityContext context, ConfirmPersistedInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var alert = await alerts.FindAsync(input.AlertId, CancellationToken.None);
        if (alert is { WorkflowStarted: false })
        {
            await alerts.MarkWorkflowStartedAsync(alert.Id, CancellationToken.None);
        }

        return alert;
    }
}
