using Dapr.Workflow;
using HushRyd.Platform.Realtime;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;
using Microsoft.Extensions.Options;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record NotifyClosedInput(string AlertId);

/// <summary>Step 6: everyone who was told of the alert hears it is over: the desk, the trusted contacts, and the roster if it was paged.</summary>
public sealed class NotifyClosedActivity(ISosAlertStore alerts, SosNotifier notifier, IOptions<SosOptions> options) : WorkflowActivity<NotifyClosedInput, bool>
{
    public const string Step = "closed";

    public override async Task<bool> RunAsync(WorkflowActivityContext context, NotifyClosedInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var alert = await alerts.RequireAsync(input.AlertId);
        await notifier.BroadcastAsync(alert.Id, Step, RealtimeRooms.SosAdmins, SosEventPayload.Of(alert), CancellationToken.None);
        var paged = alert.EscalationLevel > 0 ? options.Value.OnCall.Select(r => r.Phone) : [];
        foreach (var phone in alert.TrustedContacts.Select(c => c.Phone).Concat(paged).Distinct(StringComparer.Ordinal))
        {
            await notifier.QueueAsync(alert.Id, Step, SosMessages.Closed(phone, alert), CancellationToken.None);
        }

        return true;
    }
}
