using System.Security.Claims;

namespace HushRyd.Platform.Identity;

public static class PrincipalExtensions
{
    /// <summary>The signed-in user's id; null for API keys and anonymous callers, which act for no user.</summary>
    public static string? UserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Identity?.IsAuthenticated == true && principal.FindFirstValue(HushRydClaims.Kind) == HushRydClaims.KindUser
            ? principal.FindFirstValue(HushRydClaims.Subject)
            : null;
    }

    public static bool IsAdmin(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.IsInRole(Roles.Admin);
    }
}
