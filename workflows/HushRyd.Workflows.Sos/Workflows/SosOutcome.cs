namespace HushRyd.Workflows.Sos.Workflows;

/// <summary>How a run ended, and how many times it paged the roster.</summary>
public sealed record SosOutcome(string Status, int Escalations);
