using HushRyd.Platform.Http;
using HushRyd.Platform.Realtime;
using HushRyd.Sos.Running;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Sos.Api;

/// <summary>
/// A state change asked for over HTTP: stored first (the one conditional write decides races), then told to the workflow.
/// An acknowledgement is also told to every desk at once, so the other admins see who took the alert.
/// </summary>
public sealed class SosTransitions(ISosAlertStore alerts, ISosWorkflows workflows, SosNotifier notifier, TimeProvider time)
{
    public async Task<Results<Ok<SosAlertView>, ProblemHttpResult>> ApplyAsync(string alertId, SosStatus target, string by, string workflowEvent, CancellationToken cancellationToken)
    {
        var moved = await alerts.TransitionAsync(alertId, target, by, time.GetUtcNow(), cancellationToken);
        if (moved is null)
        {
            return Problems.NotFound("SOS alert");
        }

        if (!moved.Applied)
        {
            return Problems.Conflict($"SOS alert is {moved.Alert.Status.WireName()}", Describe(moved.Alert));
        }

        await workflows.RaiseAsync(alertId, workflowEvent, target == SosStatus.Acknowledged ? by : target.WireName(), cancellationToken);
        if (target == SosStatus.Acknowledged)
        {
            // Closing is told to the desks by the workflow's last step; nothing else tells them of an acknowledgement.
            await notifier.BroadcastAsync(alertId, target.WireName(), RealtimeRooms.SosAdmins, SosEventPayload.Of(moved.Alert), cancellationToken);
        }

        return TypedResults.Ok(SosAlertView.Of(moved.Alert, await alerts.TimelineAsync(alertId, cancellationToken)));
    }

    private static string Describe(SosAlert alert) => alert.Status switch
    {
        SosStatus.Acknowledged => $"Already acknowledged by {alert.AcknowledgedBy} at {alert.AcknowledgedAt:O}.",
        SosStatus.Resolved => $"Already resolved by {alert.ClosedBy} at {alert.ClosedAt:O}.",
        SosStatus.Cancelled => $"Already cancelled by {alert.ClosedBy} at {alert.ClosedAt:O}.",
        _ => "The alert has not been acknowledged yet.",
    };
}
