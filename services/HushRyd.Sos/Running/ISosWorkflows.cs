using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Sos.Running;

/// <summary>The module's side of the SOS workflow: start it for a stored alert, ask whether it exists, tell it what the desk or raiser did.</summary>
public interface ISosWorkflows
{
    /// <summary>False when the workflow runtime could not be reached in time; the alert stays stored and the re-starter tries again.</summary>
    Task<bool> TryStartAsync(SosAlert alert, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Best effort: the workflow also reads the stored state before it escalates, so a lost event pages nobody wrongly.</summary>
    Task RaiseAsync(string alertId, string eventName, string payload, CancellationToken cancellationToken);
}
