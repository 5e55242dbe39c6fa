using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using System.Security.Claims;
using System.Text.Encodings.Web;
using HushRyd.Gateway.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// One scheme for both kinds of caller: <c>X-Api-Key</c> for partners and services, a bearer JWT (or the
/// SignalR <c>access_token</c> query on /ws, or the desk's cookie for reads of /admin) for users. A token is honoured only while its session is.
/// </summary>
public sealed class HushRydAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    SessionStore sessions,
    ApiKeyService apiKeys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HushRyd";
    public const string ApiKeyHeader = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";
    private static readonly string[] ServiceRoles = ["service"];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.TryGetValue(ApiKeyHeader, out var apiKey) && !string.IsNullOrEmpty(apiKey))
        {
            return await AuthenticateApiKeyAsync(apiKey.ToString());
        }

        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Most requests repeat a token validated moments ago: found from the header's span, it is never copied.
            var token = header.AsSpan(BearerPrefix.Length).Trim();
            return await AuthenticateUserAsync(await tokens.ValidateAsync(token));
        }

        // Browsers cannot set headers on WebSocket upgrades; SignalR sends the token in the query instead.
        if (Request.Path.StartsWithSegments(RoutePrefixes.Realtime) && Request.Query.TryGetValue("access_token", out var query))
        {
            return await AuthenticateUserAsync(await tokens.ValidateAsync(query.ToString()));
        }

        // Nor on page loads and EventSource streams: the desk's cookie stands in for reads of /admin only (DeskSession).
        return Request.Path.StartsWithSegments(RoutePrefixes.Admin) && (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
            && Request.Cookies.TryGetValue(DeskSession.CookieName, out var cookie) && !string.IsNullOrEmpty(cookie)
            ? await AuthenticateUserAsync(await tokens.ValidateAsync(cookie))
            : AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required", detail: "Sign in with a bearer token or send an X-Api-Key header.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your role does not allow this.").ExecuteAsync(Context);

    private async Task<AuthenticateResult> AuthenticateApiKeyAsync(string secret)
    {
        var record = await apiKeys.ValidateAsync(secret, Context.RequestAborted);
        return record is null
            ? AuthenticateResult.Fail("unknown, revoked or rotated-out API key")
            : Success(new Caller(HushRydClaims.KindApiKey, record.KeyId, record.Tier, record.Scopes is { Count: > 0 } scopes ? [.. ServiceRoles, .. scopes] : ServiceRoles, null));
    }

    private async Task<AuthenticateResult> AuthenticateUserAsync(Caller? caller)
    {
        if (caller is null)
        {
            return AuthenticateResult.Fail("invalid token");
        }

        return await sessions.IsActiveAsync(caller.Id, caller.TokenId!, Context.RequestAborted)
            ? Success(caller)
            : AuthenticateResult.Fail("the session of this token has ended");
    }

    private static AuthenticateResult Success(Caller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(caller.ToIdentity(SchemeName)), SchemeName));
}
