using HushRyd.Platform.Identity;
using System.Security.Claims;
using HushRyd.Gateway.RateLimiting;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// Who a request comes from, once a token or API key is verified: immutable, so one validation serves every
/// request of a burst, and each request still gets a principal of its own (<see cref="ToIdentity"/>).
/// </summary>
public sealed record Caller(string Kind, string Id, RateLimitTier Tier, IReadOnlyList<string> Roles, string? TokenId, string? Phone = null)
{
    /// <summary>A user token carrying this role is counted at the premium tier.</summary>
    public const string PremiumRole = "premium";

    private readonly string _tierName = Tier.ToString();

    /// <summary>Who the rate limiter counts this caller as: built once per caller, not once per request.</summary>
    public string RateLimitPrincipal { get; } = RateLimitClient.PrincipalOf(Kind, Id);

    /// <summary>A validated user token's caller; null when the token lacks its subject or token id.</summary>
    public static Caller? FromToken(ClaimsIdentity validated)
    {
        ArgumentNullException.ThrowIfNull(validated);
        var userId = validated.FindFirst(HushRydClaims.Subject)?.Value;
        var tokenId = validated.FindFirst(HushRydClaims.TokenId)?.Value;
        if (userId is null || tokenId is null)
        {
            return null;
        }

        var roles = RoleSets.Shared([.. validated.FindAll(HushRydClaims.Role).Select(c => c.Value)]);
        var tier = roles.Contains(PremiumRole) ? RateLimitTier.Premium : RateLimitTier.Authenticated;
        return new Caller(HushRydClaims.KindUser, userId, tier, roles, tokenId, validated.FindFirst(HushRydClaims.Phone)?.Value);
    }

    public CallerIdentity ToIdentity(string authenticationType)
    {
        var identity = new CallerIdentity(this, authenticationType);
        Add(identity, HushRydClaims.Subject, Id);
        Add(identity, HushRydClaims.Kind, Kind);
        Add(identity, HushRydClaims.Tier, _tierName);
        foreach (var role in Roles)
        {
            Add(identity, HushRydClaims.Role, role);
        }

        if (TokenId is not null)
        {
            Add(identity, HushRydClaims.TokenId, TokenId);
        }

        // Who raised an SOS is shown to the desk and told to contacts by phone number.
        if (Phone is not null)
        {
            Add(identity, HushRydClaims.Phone, Phone);
        }

        return identity;
    }

    // A claim made for its identity is added as it is; one made without would be copied on the way in.
    private static void Add(ClaimsIdentity identity, string type, string value) =>
        identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
}
