using System.Security.Claims;

namespace HushRyd.Platform.Identity;

/// <summary>The authenticated principal, passed to upstream modules as headers the gateway alone may set.</summary>
public static class PrincipalHeaders
{
    public const string Prefix = "X-HushRyd-Principal-";
    public const string Id = Prefix + "Id";
    public const string Kind = Prefix + "Kind";
    public const string Tier = Prefix + "Tier";
    public const string Roles = Prefix + "Roles";
    public const string Phone = Prefix + "Phone";

    /// <summary>Proves a request came through the gateway; modules in other processes honour principal headers only with it.</summary>
    public const string InternalToken = "X-HushRyd-Internal-Token";

    public static IEnumerable<(string Name, string Value)> From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true)
        {
            yield break;
        }

        yield return (Id, principal.FindFirstValue(HushRydClaims.Subject) ?? string.Empty);
        yield return (Kind, principal.FindFirstValue(HushRydClaims.Kind) ?? string.Empty);
        yield return (Tier, principal.FindFirstValue(HushRydClaims.Tier) ?? string.Empty);
        yield return (Roles, string.Join(',', principal.FindAll(HushRydClaims.Role).Select(c => c.Value)));
        if (principal.FindFirstValue(HushRydClaims.Phone) is { } phone)
        {
            yield return (Phone, phone);
        }
    }
}
