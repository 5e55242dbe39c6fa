using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using System.Security.Claims;
using HushRyd.Gateway.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace HushRyd.Gateway.Identity;

public static class AuthEndpoints
{
    private static readonly string[] TierLabels = [.. Enum.GetNames<RateLimitTier>().Select(name => name.ToLowerInvariant())];

    public static void MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/otp", SendOtpAsync).WithSummary("Send a six-digit login code by SMS");
        auth.MapPost("/verify", VerifyAsync).WithSummary("Exchange a login code for an access token");
        auth.MapGet("/whoami", WhoAmI).RequireAuthorization().WithSummary("The calling principal: a user or an API key");
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization().WithSummary("End the session; the token stops working at once");
        endpoints.MapGet("/api/v1/users/me", MeAsync).RequireAuthorization().WithTags("Users").WithSummary("The signed-in user's profile");
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> SendOtpAsync(OtpRequest request, OtpService otp, HttpContext context, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.IsE164(request.Phone))
        {
            return Problems.Validation("phone", PhoneNumber.FormatHint);
        }

        var wait = await otp.SendAsync(request.Phone!, cancellationToken);
        if (wait is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many codes requested", detail: "A code was sent moments ago; wait before asking for another.");
        }

        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> VerifyAsync(
        VerifyRequest request,
        OtpService otp,
        IUserRepository users,
        TokenService tokens,
        SessionStore sessions,
        IOptions<AuthOptions> options,
        CancellationToken cancellationToken)
    {
        if (!PhoneNumber.IsE164(request.Phone))
        {
            return Problems.Validation("phone", PhoneNumber.FormatHint);
        }

        if (request.Code is not { Length: 6 } code || !code.All(char.IsAsciiDigit))
        {
            return Problems.Validation("code", "The code has six digits.");
        }

        switch (await otp.VerifyAsync(request.Phone!, code, cancellationToken))
        {
            case OtpOutcome.NoPendingCode:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "No pending code", detail: "The code expired or was already used; request a new one.");
            case OtpOutcome.WrongCode:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong code");
            case OtpOutcome.TooManyAttempts:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Too many attempts", detail: "Request a new code.");
        }

        var bootstrapRoles = BootstrapRoles(request.Phone!, options.Value);
        var user = await users.GetOrCreateByPhoneAsync(request.Phone!, bootstrapRoles, cancellationToken);
        var missing = bootstrapRoles.Except(user.Roles).ToArray();
        if (missing.Length > 0)
        {
            user = await users.SetRolesAsync(user.Id, [.. user.Roles, .. missing], cancellationToken) ?? user;
        }

        var token = tokens.Issue(user);
        await sessions.StartAsync(user.Id, token, user.Roles, cancellationToken);
        return TypedResults.Ok(new LoginResponse(token.AccessToken, token.ExpiresAt, UserView.From(user)));
    }

    // The caller this gateway authenticated answers without a search of its claims; any other principal by its claims.
    private static Ok<PrincipalView> WhoAmI(ClaimsPrincipal principal) =>
        TypedResults.Ok(principal.Identity is CallerIdentity { Caller: var caller }
            ? new PrincipalView(caller.Kind, caller.Id, TierLabels[(int)caller.Tier], caller.Roles as string[] ?? [.. caller.Roles])
            : new PrincipalView(
                principal.FindFirstValue(HushRydClaims.Kind)!,
                principal.FindFirstValue(HushRydClaims.Subject)!,
                principal.FindFirstValue(HushRydClaims.Tier)!.ToLowerInvariant(),
                principal.FindAll(HushRydClaims.Role).Select(c => c.Value).ToArray()));

    private static async Task<NoContent> LogoutAsync(ClaimsPrincipal principal, SessionStore sessions, CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(HushRydClaims.Kind) == HushRydClaims.KindUser)
        {
            await sessions.EndAsync(principal.FindFirstValue(HushRydClaims.Subject)!, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> MeAsync(ClaimsPrincipal principal, IUserRepository users, CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(HushRydClaims.Kind) != HushRydClaims.KindUser)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a user", detail: "API keys have no user profile; see /api/v1/auth/whoami.");
        }

        var user = await users.FindByIdAsync(principal.FindFirstValue(HushRydClaims.Subject)!, cancellationToken);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found")
            : TypedResults.Ok(UserView.From(user));
    }

    public static string[] BootstrapRoles(string phone, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = new List<string> { Roles.Passenger };
        if (options.DriverPhones.Contains(phone))
        {
            roles.Add(Roles.Driver);
        }

        if (options.AdminPhones.Contains(phone))
        {
            roles.Add(Roles.Admin);
        }

        return [.. roles];
    }

    public sealed record OtpRequest(string? Phone);

    public sealed record VerifyRequest(string? Phone, string? Code);

    public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, UserView User);

    public sealed record PrincipalView(string Kind, string Id, string Tier, string[] Roles);
}
