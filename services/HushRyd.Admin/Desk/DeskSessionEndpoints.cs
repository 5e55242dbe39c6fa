using System.Security.Claims;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Admin.Desk;

/// <summary>
/// The desk's cookie (<see cref="DeskSession"/>): set by the signed-in admin's bearer call after the code is verified,
/// read back by the page's script, cleared at sign-out. It lives as long as the browser session and the token do.
/// </summary>
public static class DeskSessionEndpoints
{
    private const string BearerPrefix = "Bearer ";

    public static void MapDeskSession(this IEndpointRouteBuilder endpoints)
    {
        var session = endpoints.MapGroup("/admin/session").RequireAuthorization(policy => policy.RequireRole(Roles.Admin)).WithTags("Admin desk");
        session.MapPost("/", Open).WithSummary("Keep the admin's bearer token in the desk cookie, so the desk's pages load");
        session.MapGet("/", Read).WithSummary("The token the desk cookie holds, for the page's script");
        session.MapDelete("/", Close).WithSummary("Forget the desk cookie (sign out of the desk)");
    }

    private static Results<NoContent, ProblemHttpResult> Open(HttpContext context)
    {
        if (BearerToken(context.Request) is not { } token)
        {
            return Problems.Validation("authorization", "Send the access token from /api/v1/auth/verify as a bearer header.");
        }

        context.Response.Cookies.Append(DeskSession.CookieName, token, CookieOptions(context.Request));
        return TypedResults.NoContent();
    }

    private static Results<Ok<DeskSessionView>, ProblemHttpResult> Read(HttpContext context, ClaimsPrincipal user)
    {
        context.Response.Headers.CacheControl = "no-store";
        var token = BearerToken(context.Request) ?? context.Request.Cookies[DeskSession.CookieName];
        return token is not null && user.UserId() is { } userId
            ? TypedResults.Ok(new DeskSessionView(token, userId, user.FindFirstValue(HushRydClaims.Phone)))
            : Problems.Forbidden("The desk is used by a signed-in admin.");
    }

    private static NoContent Close(HttpContext context)
    {
        context.Response.Cookies.Delete(DeskSession.CookieName, CookieOptions(context.Request));
        return TypedResults.NoContent();
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && header.Length > BearerPrefix.Length ? header[BearerPrefix.Length..].Trim() : null;
    }

    private static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = RoutePrefixes.Admin,
        IsEssential = true,
    };
}
