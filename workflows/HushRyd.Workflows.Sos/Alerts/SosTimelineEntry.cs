namespace HushRyd.Workflows.Sos.Alerts;

/// <summary>One line of an alert's history: a state change, or a notification attempt with its channel, provider and result.</summary>
public sealed record SosTimelineEntry(
    DateTimeOffset At,
    string Kind,
    string? Channel = null,
    string? Provider = null,
    string? Recipient = null,
    string? Result = null,
    string? Detail = null);
