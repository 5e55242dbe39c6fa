using HushRyd.Gateway.Identity;

namespace HushRyd.Gateway.ApiKeys;

/// <summary>
/// A partner or service key. Only hashes are kept; the previous secret stays valid until <see cref="PreviousValidUntil"/>.
/// <see cref="Scopes"/> (see <c>ApiKeyScopes</c>) are null for keys made before scopes existed, which have none.
/// </summary>
public sealed record ApiKeyRecord(
    string KeyId,
    string Name,
    RateLimitTier Tier,
    string SecretHash,
    string? PreviousSecretHash,
    DateTimeOffset? PreviousValidUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    IReadOnlyList<string>? Scopes = null);
