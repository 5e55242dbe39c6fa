using Microsoft.AspNetCore.Builder;

namespace HushRyd.Gateway.Identity;

public static class CallerAuthenticationApplicationBuilderExtensions
{
    // WebApplication puts ASP.NET's authentication middleware first in the pipeline when authentication is registered
    // and nothing set this key, which UseAuthentication sets: every request would then be authenticated twice.
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    /// <summary>In place of UseAuthentication: place before the admin guard, the rate limiter and authorization.</summary>
    public static IApplicationBuilder UseCallerAuthentication(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.UseMiddleware<CallerAuthenticationMiddleware>();
    }
}
