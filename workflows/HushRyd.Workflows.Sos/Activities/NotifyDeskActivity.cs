using Dapr.Workflow;
using HushRyd.Platform.Realtime;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;
using Microsoft.Extensions.Options;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record NotifyDeskInput(string AlertId);

/// <summary>Step 3, the safety desk: the realtime <c>sos</c> event on every admin desk, and the desk's email.</summary>
public sealed class NotifyDeskActivity(ISosAlertStore alerts, SosNotifier notifier, IOptions<SosOptions> options) : WorkflowActivity<NotifyDeskInput, bool>
{
    public const string Step = "desk";

    public override async Task<bool> RunAsync(WorkflowActivityContext context, NotifyDeskInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await alerts.FindOpenAsync(input.AlertId) is not { } alert)
        {
            return false;
        }

        // Side by side: neither the email nor the desk's live event waits for the other's timeline entry to be written.
        var email = string.IsNullOrWhiteSpace(options.Value.DeskEmail)
            ? Task.CompletedTask
            : notifier.QueueAsync(alert.Id, Step, SosMessages.DeskEmail(options.Value.DeskEmail, alert), CancellationToken.None);
        await Task.WhenAll(notifier.BroadcastAsync(alert.Id, Step, RealtimeRooms.SosAdmins, SosEventPayload.Of(alert), CancellationToken.None), email);

        return true;
    }
}
