using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Gateway.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Gateway;

/// <summary>Every /admin request needs the admin role, checked before any admin endpoint or limiter runs.</summary>
public static class AdminRoleGuard
{
    public static IApplicationBuilder UseAdminRoleGuard(this IApplicationBuilder app) =>
        app.Use(next => context => context.Request.Path.StartsWithSegments(RoutePrefixes.Admin) && !context.User.IsInRole(Roles.Admin) ? RefuseAsync(context) : next(context));

    private static Task RefuseAsync(HttpContext context)
    {
        var anonymous = context.User.Identity?.IsAuthenticated != true;
        return Results.Problem(
            statusCode: anonymous ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
            title: anonymous ? "Authentication required" : "Admin access is restricted",
            detail: anonymous ? "Sign in as an admin." : "The admin API needs the admin role.").ExecuteAsync(context);
    }
}
