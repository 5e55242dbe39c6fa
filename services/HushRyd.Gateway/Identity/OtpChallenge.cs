namespace HushRyd.Gateway.Identity;

/// <summary>A pending one-time code; only its hash is stored.</summary>
public sealed record OtpChallenge(string CodeHash, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, int FailedAttempts);
