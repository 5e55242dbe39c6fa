using System.Security.Cryptography;
using System.Text;
using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HushRyd.Platform.Internal;

/// <summary>
/// <c>/internal/v1/*</c>: what modules ask each other across processes. Only callers presenting the internal token
/// get an answer; the gateway never forwards this prefix, so clients cannot reach it through the public edge.
/// </summary>
public static class InternalRoutes
{
    public const string Prefix = "/internal/v1";

    public static RouteGroupBuilder MapInternalGroup(this IEndpointRouteBuilder endpoints, string path)
    {
        var group = endpoints.MapGroup(Prefix + path).ExcludeFromDescription();
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var expected = http.RequestServices.GetRequiredService<IOptions<InternalCallOptions>>().Value.Token;
            var presented = http.Request.Headers[PrincipalHeaders.InternalToken].ToString();
            return string.IsNullOrEmpty(expected)
                || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected))
                ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Internal calls need the internal token.")
                : await next(context);
        });
        return group;
    }
}
