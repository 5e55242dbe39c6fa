namespace HushRyd.Notifications.Providers;

/// <summary>Section <c>Notifications:Providers</c>: breaker figures by provider name, e.g. <c>Notifications:Providers:twilio:Threshold</c>.</summary>
public sealed class ProviderOptions : Dictionary<string, ProviderBreakerOptions>
{
    public const string SectionName = "Notifications:Providers";

    public ProviderOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public ProviderBreakerOptions For(string provider) => TryGetValue(provider, out var options) ? options : new ProviderBreakerOptions();
}
