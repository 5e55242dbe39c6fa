namespace HushRyd.Platform.Identity;

/// <summary>
/// The secret the gateway and the modules behind it share (from the secret store in production). A module
/// running without the gateway trusts the principal headers of a request only when it carries this token.
/// </summary>
public sealed class InternalCallOptions
{
    public const string SectionName = "Internal";

    public string? Token { get; set; }
}
