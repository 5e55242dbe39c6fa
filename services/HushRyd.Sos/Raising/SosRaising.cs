using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Sos.Raising;

/// <summary>The stored alert (new, or the one the idempotency key already named), or null when the store refused it.</summary>
public sealed record SosRaising(SosAlertCreation? Stored);
