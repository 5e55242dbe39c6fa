namespace HushRyd.Gateway.Identity;

public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public string Issuer { get; set; } = "hushryd";

    public string Audience { get; set; } = "hushryd-api";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan OtpLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public int OtpMaxAttempts { get; set; } = 5;

    /// <summary>A new OTP for the same phone is refused within this time of the last one.</summary>
    public TimeSpan OtpResendInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ApiKeyRotationWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long this instance trusts a token it validated, and a session it found active, without checking again.
    /// A logout takes effect at once on the instance that served it and within this time on the others; zero checks every request.
    /// </summary>
    public TimeSpan CheckCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tokens, and sessions, remembered at once per instance; past it they are checked on every request until entries expire.</summary>
    public int CheckCacheSize { get; set; } = 50_000;

    public List<string> AdminPhones { get; set; } = [];

    public List<string> DriverPhones { get; set; } = [];

    /// <summary>Signing keys from a secret store (id + base64 key); when empty, a key is generated once and persisted in the state store.</summary>
    public List<SigningKeySetting> SigningKeys { get; set; } = [];
}

public sealed class SigningKeySetting
{
    public string Id { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;
}
