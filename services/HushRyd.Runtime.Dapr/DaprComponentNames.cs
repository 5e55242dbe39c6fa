namespace HushRyd.Runtime.Dapr;

/// <summary>
/// The one place component names live. Every environment folder under components/ defines each of these
/// names, so swapping a provider is a YAML change, never a code change.
/// </summary>
public static class DaprComponentNames
{
    public const string StateStore = "statestore";
    public const string PubSub = "pubsub";
    public const string SecretStore = "secretstore";

    /// <summary>Output bindings of the notification providers: primary and fallback per channel.</summary>
    public const string Sms = "sms";
    public const string SmsFallback = "sms-fallback";
    public const string Email = "email";
    public const string EmailFallback = "email-fallback";
    public const string Push = "push";
}
