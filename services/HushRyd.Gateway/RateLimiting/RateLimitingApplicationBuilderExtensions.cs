using Microsoft.AspNetCore.Builder;

namespace HushRyd.Gateway.RateLimiting;

public static class RateLimitingApplicationBuilderExtensions
{
    /// <summary>Place after authentication, so tokens and API keys set the principal and tier, and before the endpoints.</summary>
    public static IApplicationBuilder UseHushRydRateLimiting(this IApplicationBuilder app) =>
        app.UseMiddleware<RateLimitingMiddleware>();
}
