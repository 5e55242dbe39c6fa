using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Gateway.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HushRyd.Gateway;

/// <summary>
/// Every /admin request needs the admin role, checked before any admin endpoint or limiter runs. The one exception is
/// the desk's sign-in page (<see cref="DeskSession.SignInPath"/>), a form that shows nothing; a browser that opens
/// another admin page without being signed in is sent there.
/// </summary>
public static class AdminRoleGuard
{
    public static IApplicationBuilder UseAdminRoleGuard(this IApplicationBuilder app) =>
        app.Use(next => context => context.Request.Path.StartsWithSegments(RoutePrefixes.Admin) && !context.User.IsInRole(Roles.Admin) && !IsSignInPage(context.Request)
            ? RefuseAsync(context)
            : next(context));

    private static bool IsSignInPage(HttpRequest request) =>
        request.Path.Equals(DeskSession.SignInPath, StringComparison.Ordinal) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));

    private static Task RefuseAsync(HttpContext context)
    {
        var anonymous = context.User.Identity?.IsAuthenticated != true;
        if (anonymous && IsPageLoad(context.Request))
        {
            context.Response.Redirect(DeskSession.SignInPath);
            return Task.CompletedTask;
        }

        return Results.Problem(
            statusCode: anonymous ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
            title: anonymous ? "Authentication required" : "Admin access is restricted",
            detail: anonymous ? "Sign in as an admin." : "The admin API needs the admin role.").ExecuteAsync(context);
    }

    /// <summary>A browser navigating (not a script or an API client): a GET that prefers HTML.</summary>
    private static bool IsPageLoad(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.GetTypedHeaders().Accept.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault() is { } preferred
        && preferred.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
