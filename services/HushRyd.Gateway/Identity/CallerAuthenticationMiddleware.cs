using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// Authenticates every request with the HushRyd scheme and leaves the result where ASP.NET's authentication middleware
/// would: the user, <see cref="IAuthenticateResultFeature"/> and <see cref="IHttpAuthenticationFeature"/>, with any
/// registered claims transformation applied. That middleware serves any number of schemes: per request it resolves
/// scoped services, creates a handler and awaits several tasks, 1.75 KB of allocations in all (ADR 0011). With one
/// scheme and a caller checked moments ago this completes without waiting and allocates only the result.
/// </summary>
public sealed partial class CallerAuthenticationMiddleware(RequestDelegate next, CallerAuthenticator authenticator, ILogger<CallerAuthenticationMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var authenticating = authenticator.AuthenticateAsync(context);
        var transformation = context.RequestServices.GetService<IClaimsTransformation>() is { } registered and not NoopClaimsTransformation ? registered : null;
        return authenticating.IsCompletedSuccessfully && transformation is null
            ? Continue(context, authenticating.Result)
            : ContinueAsync(context, authenticating, transformation);
    }

    private async Task ContinueAsync(HttpContext context, ValueTask<AuthenticateResult> authenticating, IClaimsTransformation? transformation)
    {
        var result = await authenticating;
        if (result.Succeeded && transformation is not null)
        {
            result = AuthenticateResult.Success(new AuthenticationTicket(await transformation.TransformAsync(result.Principal), result.Properties, result.Ticket.AuthenticationScheme));
        }

        await Continue(context, result);
    }

    private Task Continue(HttpContext context, AuthenticateResult result)
    {
        if (result.Succeeded)
        {
            var authenticated = new AuthenticatedRequest(result);
            context.Features.Set<IHttpAuthenticationFeature>(authenticated);
            context.Features.Set<IAuthenticateResultFeature>(authenticated);
        }
        else if (result.Failure is { } failure)
        {
            LogNotAuthenticated(logger, CallerAuthenticator.SchemeName, failure.Message);
        }

        return next(context);
    }

    // What ASP.NET's authentication logs for a failed scheme, at the same level.
    [LoggerMessage(Level = LogLevel.Information, Message = "{Scheme} was not authenticated. Failure message: {Reason}")]
    private static partial void LogNotAuthenticated(ILogger logger, string scheme, string reason);
}
