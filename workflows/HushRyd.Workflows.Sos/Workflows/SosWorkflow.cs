using Dapr.Workflow;
using HushRyd.Workflows.Sos.Activities;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Workflows;

/// <summary>
/// Seed §5 as a durable workflow: confirm the alert is stored while tracking starts and the desk and every trusted contact
/// are notified in parallel (each step sends only for a stored, open alert), then wait for an acknowledgement against a durable timer and page the on-call roster each time
/// it runs out (at most <see cref="SosWorkflowInput.MaxEscalations"/> times); end when the alert is resolved or cancelled.
/// No ContinueAsNew: the history stays small (nine rounds at most), and no pending event can be dropped by it.
/// </summary>
public sealed class SosWorkflow : Workflow<SosWorkflowInput, SosOutcome>
{
    public const string NotPersisted = "not-persisted";

    public override async Task<SosOutcome> RunAsync(WorkflowContext context, SosWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var confirmed = context.CallActivityAsync<SosAlert?>(nameof(ConfirmPersistedActivity), new ConfirmPersistedInput(input.AlertId));
        // Each step reads the stored alert itself and sends nothing for one that is missing or closed, so the first messages need
        // not wait a round for the confirmation. The branch is fixed by the instance's own input, so every replay takes it again.
        var firstRound = input.TrustedContacts is { } contacts ? FirstRoundAsync(context, input.AlertId, contacts) : null;
        var alert = await confirmed;
        if (alert is null)
        {
            await (firstRound ?? Task.CompletedTask);
            return new SosOutcome(NotPersisted, 0);
        }

        // One waiter per event for the whole run: a second waiter for the same name would compete for the event.
        var acknowledged = context.WaitForExternalEventAsync<string>(SosWorkflowEvents.Acknowledged);
        var closed = context.WaitForExternalEventAsync<string>(SosWorkflowEvents.Closed);
        var status = alert.Status;
        var escalations = 0;
        if (status.IsClosed())
        {
            await (firstRound ?? Task.CompletedTask);
        }
        else
        {
            await (firstRound ?? FirstRoundAsync(context, alert.Id, alert.TrustedContacts.Count));
            while (status == SosStatus.Active && escalations < input.MaxEscalations)
            {
                using var cancelTimer = new CancellationTokenSource();
                var timer = context.CreateTimer(input.AcknowledgeTimeout, cancelTimer.Token);
                if (await Task.WhenAny(timer, acknowledged, closed) != timer)
                {
                    // Cancel, not CancelAsync: workflow code must stay on the worker's replay thread.
                    cancelTimer.Cancel();
                    break;
                }

                // The activity pages only if the stored alert is still active: an acknowledgement stored just before the
                // timer fired, its event still on the way (or lost), stops the page.
                status = await EscalateAsync(context, alert.Id, escalations + 1);
                if (status == SosStatus.Active)
                {
                    escalations++;
                }
            }

            if (!closed.IsCompleted)
            {
                // The closing event may have been lost on the way (the store is the truth); otherwise wait for it.
                status = await context.CallActivityAsync<SosStatus>(nameof(ReadAlertStatusActivity), new ReadAlertStatusInput(alert.Id));
                if (!status.IsClosed())
                {
                    await closed;
                }
            }

            await AttemptAsync(context, nameof(StopTrackingActivity), new StopTrackingInput(alert.Id));
            await AttemptAsync(context, nameof(NotifyClosedActivity), new NotifyClosedInput(alert.Id));
        }

        status = await context.CallActivityAsync<SosStatus>(nameof(ReadAlertStatusActivity), new ReadAlertStatusInput(alert.Id));
        return new SosOutcome(status.WireName(), escalations);
    }

    /// <summary>
    /// Tracking, the desk and every trusted contact at once. Tracking is scheduled first so that its task id, and the ids after
    /// it, are those of histories written when it ran alone before the notifications.
    /// </summary>
    private static Task FirstRoundAsync(WorkflowContext context, string alertId, int trustedContacts) =>
        Task.WhenAll(
            [
                AttemptAsync(context, nameof(StartTrackingActivity), new StartTrackingInput(alertId)),
                AttemptAsync(context, nameof(NotifyDeskActivity), new NotifyDeskInput(alertId)),
                .. Enumerable.Range(0, trustedContacts).Select(i => AttemptAsync(context, nameof(NotifyTrustedContactActivity), new NotifyTrustedContactInput(alertId, i))),
            ]);

    /// <summary>The status the escalation step saw; a step that failed after its retries counts as a page attempted on an active alert.</summary>
    private static async Task<SosStatus> EscalateAsync(WorkflowContext context, string alertId, int level)
    {
        try
        {
            return await context.CallActivityAsync<SosStatus>(nameof(EscalateActivity), new EscalateInput(alertId, level), Retries);
        }
        catch (WorkflowTaskFailedException)
        {
            return SosStatus.Active;
        }
    }

    /// <summary>A step that failed after its retries is on the timeline already (or its failure is); the alert goes on regardless.</summary>
    private static async Task AttemptAsync(WorkflowContext context, string activity, object input)
    {
        try
        {
            await context.CallActivityAsync<bool>(activity, input, Retries);
        }
        catch (WorkflowTaskFailedException)
        {
        }
    }

    private static readonly WorkflowTaskOptions Retries = new(new WorkflowRetryPolicy(3, TimeSpan.FromMilliseconds(200), 2));
}
