using System.Security.Claims;
using HushRyd.Gateway.ApiKeys;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// Who sent a request, for the HushRyd scheme: <c>X-Api-Key</c> for partners and services, a bearer JWT (or the SignalR
/// <c>access_token</c> query on /ws, or the desk's cookie for reads of /admin) for users. A token is honoured only while
/// its session is. <see cref="CallerAuthenticationMiddleware"/> asks it on every request and
/// <see cref="HushRydAuthenticationHandler"/> when code authenticates through ASP.NET, so both answer alike.
/// </summary>
public sealed class CallerAuthenticator(TokenService tokens, SessionStore sessions, ApiKeyService apiKeys)
{
    public const string SchemeName = "HushRyd";
    public const string ApiKeyHeader = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";
    private static readonly string[] ServiceRoles = ["service"];

    /// <summary>Completes without waiting, and without allocating a task, for a token or session checked moments ago.</summary>
    public async ValueTask<AuthenticateResult> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Headers.TryGetValue(ApiKeyHeader, out var apiKey) && !string.IsNullOrEmpty(apiKey))
        {
            return await AuthenticateApiKeyAsync(apiKey.ToString(), context.RequestAborted);
        }

        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Most requests repeat a token validated moments ago, most often on the same connection: it is never copied.
            var token = header.AsSpan(BearerPrefix.Length).Trim();
            return await AuthenticateUserAsync(await tokens.ValidateAsync(token, ConnectionTokenMemo.For(context)), context.RequestAborted);
        }

        // Browsers cannot set headers on WebSocket upgrades; SignalR sends the token in the query instead.
        if (request.Path.StartsWithSegments(RoutePrefixes.Realtime) && request.Query.TryGetValue("access_token", out var query))
        {
            return await AuthenticateUserAsync(await tokens.ValidateAsync(query.ToString()), context.RequestAborted);
        }

        // Nor on page loads and EventSource streams: the desk's cookie stands in for reads of /admin only (DeskSession).
        return request.Path.StartsWithSegments(RoutePrefixes.Admin) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Cookies.TryGetValue(DeskSession.CookieName, out var cookie) && !string.IsNullOrEmpty(cookie)
            ? await AuthenticateUserAsync(await tokens.ValidateAsync(cookie, ConnectionTokenMemo.For(context)), context.RequestAborted)
            : AuthenticateResult.NoResult();
    }

    private async Task<AuthenticateResult> AuthenticateApiKeyAsync(string secret, CancellationToken cancellationToken)
    {
        var record = await apiKeys.ValidateAsync(secret, cancellationToken);
        return record is null
            ? AuthenticateResult.Fail("unknown, revoked or rotated-out API key")
            : Success(new Caller(HushRydClaims.KindApiKey, record.KeyId, record.Tier, record.Scopes is { Count: > 0 } scopes ? [.. ServiceRoles, .. scopes] : ServiceRoles, null));
    }

    private async ValueTask<AuthenticateResult> AuthenticateUserAsync(Caller? caller, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            return AuthenticateResult.Fail("invalid token");
        }

        return await sessions.IsActiveAsync(caller.Id, caller.TokenId!, cancellationToken)
            ? Success(caller)
            : AuthenticateResult.Fail("the session of this token has ended");
    }

    private static AuthenticateResult Success(Caller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(caller.ToIdentity(SchemeName)), SchemeName));
}
