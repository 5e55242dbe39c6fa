using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Activities;

internal static class AlertLookup
{
    /// <summary>The stored alert; the workflow starts only after it was stored, so a missing one is a broken store.</summary>
    public static async Task<SosAlert> RequireAsync(this ISosAlertStore alerts, string alertId) =>
        await alerts.FindAsync(alertId, CancellationToken.None) ?? throw new InvalidOperationException($"SOS alert {alertId} is not in the store.");

    /// <summary>
    /// The stored alert while it is open. The first round runs beside the confirmation, so it may meet an alert that was never
    /// stored or was closed before its workflow started: nobody is told of either.
    /// </summary>
    public static async Task<SosAlert?> FindOpenAsync(this ISosAlertStore alerts, string alertId) =>
        await alerts.FindAsync(alertId, CancellationToken.None) is { } alert && !alert.Status.IsClosed() ? alert : null;
}
