using Dapr.Workflow;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record StopTrackingInput(string AlertId);

public sealed class StopTrackingActivity(ISosAlertStore alerts, ISosTracking tracking, TimeProvider time) : WorkflowActivity<StopTrackingInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, StopTrackingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var alert = await alerts.RequireAsync(input.AlertId);
        await tracking.StopAsync(alert, CancellationToken.None);
        await alerts.AppendAsync(alert.Id, new SosTimelineEntry(time.GetUtcNow(), SosTimelineKinds.TrackingStopped), CancellationToken.None);
        return true;
    }
}
