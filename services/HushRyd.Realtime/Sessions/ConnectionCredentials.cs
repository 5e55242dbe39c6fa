using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace HushRyd.Realtime.Sessions;

/// <summary>
/// What a connection proved its identity with (bearer header, <c>access_token</c> query, the desk's cookie, or a
/// gateway's forwarded principal), kept so the same authentication scheme can judge it again while the connection lasts.
/// The token is the request's own parsed query value, not a copy: thousands of connections each hold it anyway.
/// </summary>
internal sealed record ConnectionCredentials(StringValues AccessToken, KeyValuePair<string, StringValues>[] Headers)
{
    private const string AccessTokenQuery = "access_token";

    public static ConnectionCredentials From(HttpContext? context)
    {
        if (context is null)
        {
            return new ConnectionCredentials(StringValues.Empty, []);
        }

        var request = context.Request;
        var token = request.Query.TryGetValue(AccessTokenQuery, out var value) ? value : StringValues.Empty;
        KeyValuePair<string, StringValues>[] headers =
        [
            .. request.Headers.Where(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || h.Key.Equals("X-Api-Key", StringComparison.OrdinalIgnoreCase)
                || h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
                || h.Key.Equals(PrincipalHeaders.InternalToken, StringComparison.OrdinalIgnoreCase)
                || h.Key.StartsWith(PrincipalHeaders.Prefix, StringComparison.OrdinalIgnoreCase)),
        ];
        return new ConnectionCredentials(token, headers);
    }

    /// <summary>A request to <paramref name="path"/> carrying these credentials, for the authentication scheme to judge.</summary>
    public HttpContext ToRequest(IServiceProvider services, PathString path)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Request.QueryString = StringValues.IsNullOrEmpty(AccessToken) ? QueryString.Empty : QueryString.Create(AccessTokenQuery, AccessToken.ToString());
        foreach (var (name, value) in Headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }
}
