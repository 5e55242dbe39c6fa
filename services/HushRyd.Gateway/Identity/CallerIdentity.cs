using HushRyd.Platform.Identity;
using System.Security.Claims;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// The identity the gateway gives an authenticated request: its claims, for endpoints and authorization, and the
/// <see cref="Identity.Caller"/> they were made from, so the rate limiter need not search the claims on every request.
/// </summary>
public sealed class CallerIdentity(Caller caller, string authenticationType)
    : ClaimsIdentity(authenticationType, HushRydClaims.Subject, HushRydClaims.Role)
{
    public Caller Caller { get; } = caller;
}
