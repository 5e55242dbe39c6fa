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

    // Keys only change with a restart, so a token valid a moment ago still is until it expires: checking its
    // signature again on every request of a burst only costs CPU.
    private readonly ShortLivedCache<Caller> _validated = new(time, options.Value.CheckCacheSize);

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

    /// <summary>The caller of a token this instance validated less than <see cref="AuthOptions.CheckCacheDuration"/> ago.</summary>
    public bool TryGetValidated(ReadOnlySpan<char> token, [NotNullWhen(true)] out Caller? caller)
    {
        caller = _validated.TryGet(token, out var known) ? known : null;
        return caller is not null;
    }

    /// <summary>Signature, algorithm, issuer, audience and lifetime; null when any of them is wrong.</summary>
    public async Task<Caller?> ValidateAsync(string token)
    {
        if (TryGetValidated(token, out var known))
        {
            return known;
        }

        var result = await _handler.ValidateTokenAsync(token, _validation.Value);
        if (!result.IsValid || Caller.FromToken(result.ClaimsIdentity) is not { } caller)
        {
            return null;
        }

        var expires = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero) + _validation.Value.ClockSkew;
        var until = time.GetUtcNow() + options.Value.CheckCacheDuration;
        _validated.Set(token, caller, until < expires ? until : expires);
        return caller;
    }
}

public sealed record IssuedToken(string AccessToken, string TokenId, DateTimeOffset ExpiresAt);
