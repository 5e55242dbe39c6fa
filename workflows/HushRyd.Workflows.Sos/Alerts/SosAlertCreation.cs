namespace HushRyd.Workflows.Sos.Alerts;

/// <summary>The stored alert and whether this call created it (false: the raiser's idempotency key was used before).</summary>
public sealed record SosAlertCreation(SosAlert Alert, bool Created);
