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
    /// The longest a revoked token keeps working: a logout takes effect at once on the instance that served it and within
    /// this time on the others. Sessions found active are believed this long, or longer while the session change feed
    /// proves it would have told this instance of an end (<see cref="SessionChangeFeed"/>); zero checks every request.
    /// </summary>
    public TimeSpan CheckCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While the session change feed is live, how long a session found active is believed before it is read again anyway.</summary>
    public TimeSpan LiveFeedRecheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Validated tokens, and active sessions, remembered per instance: the working set of signed-in users. Past it, new
    /// ones are checked on every request until entries expire. An entry costs a few hundred bytes.
    /// </summary>
    public int CheckCacheSize { get; set; } = 200_000;

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
