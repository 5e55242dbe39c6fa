namespace HushRyd.Notifications.Providers;

public enum ProviderOutcome
{
    Sent,
    Failed,

    /// <summary>Its circuit was open, so it was not called.</summary>
    CircuitOpen,
}

/// <summary>One provider asked (or skipped) during one attempt.</summary>
public sealed record ProviderTry(string Provider, ProviderOutcome Outcome, string? Error);
