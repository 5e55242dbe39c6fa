using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Activities;

internal static class AlertLookup
{
    /// <summary>The stored alert; the workflow starts only after it was stored, so a missing one is a broken store.</summary>
    public static async Task<SosAlert> RequireAsync(this ISosAlertStore alerts, string alertId) =>
        await alerts.FindAsync(alertId, CancellationToken.None) ?? throw new InvalidOperationException($"SOS alert {alertId} is not in the store.");
}
