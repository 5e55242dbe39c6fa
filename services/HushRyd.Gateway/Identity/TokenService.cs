using HushRyd.Platform.Identity;
using System.Diagnostics.CodeAnalysis;
using HushRyd.Gateway.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HushRyd.Gateway.Identity;

/// <summary>Issues and validates the access tokens of signed-in users.</summary>
public sealed class TokenService(SigningKeyRing keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    // Keys only change with a restart, so a token once valid stays so until it expires: checking its signature again
    // each time its user comes back only costs CPU. Revocation is the session's business, not the signature's.
    private readonly ShortLivedCache<UInt128, Caller> _validated = new(time, options.Value.CheckCacheSize);

    // Built once, on first use: the key ring is loaded at start-up, after this service is constructed.
    private readonly Lazy<TokenValidationParameters> _validation = new(() => new TokenValidationParameters
    {
        ValidIssuer = options.Value.Issuer,
        ValidAudience = options.Value.Audience,
        IssuerSigningKeys = keys.All,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        LifetimeValidator = (notBefore, expires, _, parameters) =>
            expires is { } until && until > time.GetUtcNow().UtcDateTime - parameters.ClockSkew
            && (notBefore is null || notBefore <= time.GetUtcNow().UtcDateTime + parameters.ClockSkew),
        NameClaimType = HushRydClaims.Subject,
        RoleClaimType = HushRydClaims.Role,
    });

    public IssuedToken Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var tokenId = Guid.NewGuid().ToString("N");
        var claims = new Dictionary<string, object>
        {
            [HushRydClaims.Subject] = user.Id,
            [HushRydClaims.Phone] = user.Phone,
            [HushRydClaims.TokenId] = tokenId,
            [HushRydClaims.Role] = user.Roles.ToArray(),
            [HushRydClaims.Kind] = HushRydClaims.KindUser,
        };
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, tokenId, expires);
    }

    /// <summary>The caller of an unexpired token this instance has validated before.</summary>
    public bool TryGetValidated(ReadOnlySpan<char> token, [NotNullWhen(true)] out Caller? caller) => TryGetValidated(TokenFingerprint.Of(token), out caller);

    /// <summary>Signature, algorithm, issuer, audience and lifetime; null when any of them is wrong.</summary>
    public Task<Caller?> ValidateAsync(string token) => ValidateAsync(token.AsSpan()).AsTask();

    /// <summary>
    /// As <see cref="ValidateAsync(string)"/>, from a span: a token validated before is found without copying it, and
    /// its fingerprint is computed once whether it is found or not; a token its connection repeats is not even
    /// fingerprinted (<see cref="ConnectionTokenMemo"/>).
    /// </summary>
    public ValueTask<Caller?> ValidateAsync(ReadOnlySpan<char> token, ConnectionTokenMemo? connection = null)
    {
        if (connection is not null && connection.TryRecall(token, time.GetUtcNow().ToUnixTimeMilliseconds(), out var recalled))
        {
            return ValueTask.FromResult<Caller?>(recalled);
        }

        var fingerprint = TokenFingerprint.Of(token);
        if (_validated.TryGet(fingerprint, out var known, out var untilMs))
        {
            connection?.Offer(fingerprint, token, known, untilMs);
            return ValueTask.FromResult<Caller?>(known);
        }

        return new ValueTask<Caller?>(ValidateNewAsync(token.ToString(), fingerprint, connection));
    }

    private async Task<Caller?> ValidateNewAsync(string token, UInt128 fingerprint, ConnectionTokenMemo? connection)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation.Value);
        if (!result.IsValid || Caller.FromToken(result.ClaimsIdentity) is not { } caller)
        {
            return null;
        }

        var until = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero) + _validation.Value.ClockSkew;
        _validated.Set(fingerprint, caller, until);
        connection?.Offer(fingerprint, token, caller, until.ToUnixTimeMilliseconds());
        return caller;
    }

    private bool TryGetValidated(UInt128 fingerprint, [NotNullWhen(true)] out Caller? caller)
    {
        caller = _validated.TryGet(fingerprint, out var known) ? known : null;
        return caller is not null;
    }
}

public sealed record IssuedToken(string AccessToken, string TokenId, DateTimeOffset ExpiresAt);
