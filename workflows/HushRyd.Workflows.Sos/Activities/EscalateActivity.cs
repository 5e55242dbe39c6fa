using Dapr.Workflow;
using HushRyd.Platform.Realtime;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;
using Microsoft.Extensions.Options;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record EscalateInput(string AlertId, int Level);

/// <summary>
/// Step 5, after a timeout ran out: if the stored alert is still active, pages the on-call roster (SMS, and the webhook
/// where one is set), records the level on the alert and tells the desks. Returns the status it saw; anything but active pages nobody.
/// </summary>
public sealed class EscalateActivity(ISosAlertStore alerts, SosNotifier notifier, IOptions<SosOptions> options, TimeProvider time) : WorkflowActivity<EscalateInput, SosStatus>
{
    public static string StepOf(int level) => $"escalation-{level}";

    public override async Task<SosStatus> RunAsync(WorkflowActivityContext context, EscalateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var alert = await alerts.RequireAsync(input.AlertId);
        if (alert.Status != SosStatus.Active)
        {
            return alert.Status;
        }

        await alerts.SetEscalationLevelAsync(alert.Id, input.Level, CancellationToken.None);
        await alerts.AppendAsync(alert.Id, new SosTimelineEntry(time.GetUtcNow(), SosTimelineKinds.Escalated, Detail: $"level {input.Level}"), CancellationToken.None);
        var step = StepOf(input.Level);
        var escalated = alert with { EscalationLevel = Math.Max(alert.EscalationLevel, input.Level) };
        foreach (var responder in options.Value.OnCall)
        {
            await notifier.QueueAsync(alert.Id, step, SosMessages.Escalation(responder.Phone, alert, input.Level), CancellationToken.None);
            if (responder.Webhook is { } webhook)
            {
                await notifier.CallWebhookAsync(alert.Id, step, webhook, SosEventPayload.Of(escalated), CancellationToken.None);
            }
        }

        // The desks show the level; they hear of the new one at once rather than at their next refresh, after the pages.
        await notifier.BroadcastAsync(alert.Id, step, RealtimeRooms.SosAdmins, SosEventPayload.Of(escalated), CancellationToken.None);
        return SosStatus.Active;
    }
}
