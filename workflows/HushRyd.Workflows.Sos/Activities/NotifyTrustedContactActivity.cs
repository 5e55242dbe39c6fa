using Dapr.Workflow;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Trips;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;
using Microsoft.Extensions.Options;

namespace HushRyd.Workflows.Sos.Activities;

public sealed record NotifyTrustedContactInput(string AlertId, int ContactIndex);

/// <summary>Step 3, one trusted contact: SMS and push with a live share link of the trip (a map link when there is no live trip).</summary>
public sealed class NotifyTrustedContactActivity(ISosAlertStore alerts, ISosContacts contacts, SosNotifier notifier, IOptions<SosOptions> options) : WorkflowActivity<NotifyTrustedContactInput, bool>
{
    public const string Step = "contact";

    public override async Task<bool> RunAsync(WorkflowActivityContext context, NotifyTrustedContactInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await alerts.FindOpenAsync(input.AlertId) is not { } alert || input.ContactIndex >= alert.TrustedContacts.Count)
        {
            return false;
        }

        var contact = alert.TrustedContacts[input.ContactIndex];
        var link = await LiveLinkAsync(alert);
        await Task.WhenAll(
            notifier.QueueAsync(alert.Id, Step, MessageTemplates.SosAlert(contact.Phone, SosMessages.RaiserOf(alert), link, alert.Vehicle), CancellationToken.None),
            notifier.QueueAsync(alert.Id, Step, SosMessages.Push(contact.Phone, alert, link), CancellationToken.None));
        return true;
    }

    private async Task<Uri> LiveLinkAsync(SosAlert alert)
    {
        if (alert.TripId is null)
        {
            return SosMessages.MapOf(alert);
        }

        try
        {
            var token = await contacts.IssueShareTokenAsync(alert.TripId, alert.RaisedBy, CancellationToken.None);
            return token is null ? SosMessages.MapOf(alert) : new Uri(options.Value.PublicBaseUrl, $"/share/{token}");
        }
        catch (HttpRequestException)
        {
            // Trips unreachable: the contact still gets the position, only without the live view.
            return SosMessages.MapOf(alert);
        }
    }
}
