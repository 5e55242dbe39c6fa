using Dapr.Workflow;
using HushRyd.Workflows.Sos;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Workflows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Sos.Running;

/// <summary>
/// <see cref="ISosWorkflows"/> through the Dapr SDK's client (daprd, or the embedded sidecar). Every call carries a
/// bounded token: the client waits forever for a sidecar that does not answer.
/// </summary>
public sealed partial class DaprSosWorkflows(DaprWorkflowClient client, IOptions<SosOptions> options, ILogger<DaprSosWorkflows> logger) : ISosWorkflows
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public async Task<bool> TryStartAsync(SosAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var timeout = Bounded(cancellationToken);
        try
        {
            var input = new SosWorkflowInput(alert.Id, options.Value.AcknowledgeTimeout, options.Value.MaxEscalations, alert.TrustedContacts.Count);
            await client.ScheduleNewWorkflowAsync(nameof(SosWorkflow), alert.Id, input, null, timeout.Token);
            return true;
        }
#pragma warning disable CA1031 // Any failure leaves the stored alert to the re-starter; the caller still answers 201.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogStartFailed(logger, ex, alert.Id);
            return false;
        }
    }

    public async Task<bool> ExistsAsync(string alertId, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        return (await client.GetWorkflowStateAsync(alertId, false, timeout.Token))?.Exists == true;
    }

    public async Task RaiseAsync(string alertId, string eventName, string payload, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(cancellationToken);
        try
        {
            await client.RaiseEventAsync(alertId, eventName, payload, timeout.Token);
        }
#pragma warning disable CA1031 // The stored state already changed; the workflow reads it before it escalates.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogRaiseFailed(logger, ex, eventName, alertId);
        }
    }

    private static CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        return timeout;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting the workflow of SOS {AlertId} failed; the alert is stored and the re-starter will start it")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string alertId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raising {EventName} on the workflow of SOS {AlertId} failed; it reads the stored state instead")]
    private static partial void LogRaiseFailed(ILogger logger, Exception exception, string eventName, string alertId);
}
