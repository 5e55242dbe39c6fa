namespace HushRyd.Notifications.Providers;

/// <summary>Section <c>Notifications:FailShare</c>: the share of dev-outbox sends that fail, by provider (e.g. <c>Notifications:FailShare:twilio = 0.5</c>).</summary>
public sealed class ProviderFaultsOptions : Dictionary<string, double>
{
    public const string SectionName = "Notifications:FailShare";

    public ProviderFaultsOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}
