using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// The HushRyd scheme as ASP.NET sees it: authorization challenges and forbids through it, and code that authenticates
/// a request of its own (<c>context.AuthenticateAsync()</c>) gets <see cref="CallerAuthenticator"/>'s answer. Requests
/// themselves are authenticated by <see cref="CallerAuthenticationMiddleware"/>.
/// </summary>
public sealed class HushRydAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CallerAuthenticator authenticator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => authenticator.AuthenticateAsync(Context).AsTask();

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required", detail: "Sign in with a bearer token or send an X-Api-Key header.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your role does not allow this.").ExecuteAsync(Context);
}
