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
}
