namespace HushRyd.Notifications.Providers;

/// <summary>What one attempt achieved: sent by some provider, or every provider of the channel tried without success.</summary>
public sealed record Delivery(IReadOnlyList<ProviderTry> Tries, string? MessageId)
{
    public bool Sent => MessageId is not null;

    public string? Provider => Tries.Count == 0 ? null : Tries[^1].Provider;

    public string Error => string.Join("; ", Tries.Where(t => t.Outcome != ProviderOutcome.Sent).Select(t => $"{t.Provider}: {t.Error}"));
}
