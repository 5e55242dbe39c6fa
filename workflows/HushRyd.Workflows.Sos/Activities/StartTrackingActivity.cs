using Dapr.Workflow;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record StartTrackingInput(string AlertId);

/// <summary>Step 2: <c>sos:tracking:{alertId}</c> with its TTL, refreshed from the trip's positions from now on.</summary>
public sealed class StartTrackingActivity(ISosAlertStore alerts, ISosTracking tracking, TimeProvider time) : WorkflowActivity<StartTrackingInput, bool>
{
    public override async Task<bool> RunAsync(WorkflowActivityContext context, StartTrackingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await alerts.FindOpenAsync(input.AlertId) is not { } alert)
        {
            return false;
        }

        await tracking.StartAsync(alert, CancellationToken.None);
        await alerts.AppendAsync(alert.Id, new SosTimelineEntry(time.GetUtcNow(), SosTimelineKinds.TrackingStarted, Detail: alert.TripId), CancellationToken.None);
        return true;
    }
}
