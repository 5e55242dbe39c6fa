using HushRyd.Platform.Identity;
using System.Net;
using System.Security.Claims;
using HushRyd.Gateway.Identity;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>Who a request is counted against, and at which tier.</summary>
internal readonly record struct RateLimitClient(string Principal, RateLimitTier Tier)
{
    public static RateLimitClient Of(HttpContext context)
    {
        var user = context.User;
        if (user.Identity is CallerIdentity { Caller: var caller })
        {
            return new RateLimitClient(caller.RateLimitPrincipal, caller.Tier);
        }

        var subject = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(HushRydClaims.Subject) : null;
        if (string.IsNullOrEmpty(subject))
        {
            return new RateLimitClient($"ip:{AddressOf(context.Connection.RemoteIpAddress)}", RateLimitTier.Default);
        }

        return new RateLimitClient(PrincipalOf(user.FindFirstValue(HushRydClaims.Kind), subject), TierOf(user));
    }

    public static string PrincipalOf(string? kind, string id) => $"{KindOf(kind)}:{id}";

    private static string KindOf(string? kind) => kind == HushRydClaims.KindApiKey ? "apikey" : "user";

    // Authenticated without a tier claim, or with one this build does not know, is the authenticated tier:
    // a token never earns less than anonymous traffic, and never more than it says.
    private static RateLimitTier TierOf(ClaimsPrincipal user) =>
        Enum.TryParse<RateLimitTier>(user.FindFirstValue(HushRydClaims.Tier), ignoreCase: true, out var tier) && Enum.IsDefined(tier)
            ? tier
            : RateLimitTier.Authenticated;

    // Dual-stack sockets report IPv4 clients as ::ffff:a.b.c.d; one client must have one key either way.
    private static string AddressOf(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}
