using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// A request's authentication result and user, kept consistent with each other as ASP.NET's own authentication keeps
/// them: authorization reads the result, and setting the user later (a re-authentication) clears it.
/// </summary>
internal sealed class AuthenticatedRequest(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
{
    private AuthenticateResult? _result = result;
    private ClaimsPrincipal? _user = result.Principal;

    public AuthenticateResult? AuthenticateResult
    {
        get => _result;
        set
        {
            _result = value;
            _user = value?.Principal;
        }
    }

    public ClaimsPrincipal? User
    {
        get => _user;
        set
        {
            _user = value;
            _result = null;
        }
    }
}
