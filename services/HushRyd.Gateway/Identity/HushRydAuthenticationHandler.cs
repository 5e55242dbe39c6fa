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
/// SignalR <c>access_token</c> query on /ws) for users. A token is honoured only while its session is.
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.TryGetValue(ApiKeyHeader, out var apiKey) && !string.IsNullOrEmpty(apiKey))
        {
            return await AuthenticateApiKeyAsync(apiKey.ToString());
        }

        return BearerToken() is { } token ? await AuthenticateTokenAsync(token) : AuthenticateResult.NoResult();
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
        if (record is null)
        {
            return AuthenticateResult.Fail("unknown, revoked or rotated-out API key");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(HushRydClaims.Subject, record.KeyId),
                new Claim(HushRydClaims.Kind, HushRydClaims.KindApiKey),
                new Claim(HushRydClaims.Tier, record.Tier.ToString()),
                new Claim(HushRydClaims.Role, "service"),
            ],
            SchemeName,
            HushRydClaims.Subject,
            HushRydClaims.Role);
        return Success(identity);
    }

    private async Task<AuthenticateResult> AuthenticateTokenAsync(string token)
    {
        var identity = await tokens.ValidateAsync(token);
        var userId = identity?.FindFirst(HushRydClaims.Subject)?.Value;
        var tokenId = identity?.FindFirst(HushRydClaims.TokenId)?.Value;
        if (identity is null || userId is null || tokenId is null)
        {
            return AuthenticateResult.Fail("invalid token");
        }

        if (!await sessions.IsActiveAsync(userId, tokenId, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("the session of this token has ended");
        }

        if (identity.FindFirst(HushRydClaims.Tier) is null)
        {
            identity.AddClaim(new Claim(HushRydClaims.Tier, identity.HasClaim(HushRydClaims.Role, "premium") ? nameof(RateLimitTier.Premium) : nameof(RateLimitTier.Authenticated)));
        }

        return Success(new ClaimsIdentity(identity.Claims, SchemeName, HushRydClaims.Subject, HushRydClaims.Role));
    }

    private static AuthenticateResult Success(ClaimsIdentity identity) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // Browsers cannot set headers on WebSocket upgrades; SignalR sends the token in the query instead.
        return Request.Path.StartsWithSegments("/ws") && Request.Query.TryGetValue("access_token", out var query) ? query.ToString() : null;
    }
}
