namespace HushRyd.Platform.Identity;

/// <summary>What a partner API key may do beyond reading: a key's scopes reach modules as roles of its principal.</summary>
public static class ApiKeyScopes
{
    /// <summary>A fleet gateway: reports positions for any started trip in one batch.</summary>
    public const string Fleet = "fleet";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Fleet };
}
