namespace HushRyd.Server.Diagnostics;

public sealed record DiagnosticProbeDelivery(Guid ProbeId, string? Note, DateTimeOffset SentAt, DateTimeOffset DeliveredAt);
