using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Platform.Identity;

/// <summary>
/// Authenticates requests a gateway in another process forwarded: the principal comes from its headers,
/// and only when the request proves with the internal token that the gateway sent it.
/// </summary>
public sealed class ForwardedPrincipalHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<InternalCallOptions> internalCalls) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ForwardedPrincipal";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(internalCalls.Value.Token ?? string.Empty);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        var id = headers[PrincipalHeaders.Id].ToString();
        if (id.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Encoding.UTF8.GetBytes(headers[PrincipalHeaders.InternalToken].ToString());
        if (_token.Length == 0 || !CryptographicOperations.FixedTimeEquals(presented, _token))
        {
            return Task.FromResult(AuthenticateResult.Fail("Principal headers without the gateway's internal token."));
        }

        var claims = new List<Claim>
        {
            new(HushRydClaims.Subject, id),
            new(HushRydClaims.Kind, headers[PrincipalHeaders.Kind].ToString()),
            new(HushRydClaims.Tier, headers[PrincipalHeaders.Tier].ToString()),
        };
        claims.AddRange(headers[PrincipalHeaders.Roles].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(role => new Claim(HushRydClaims.Role, role)));
        if (headers[PrincipalHeaders.Phone].ToString() is { Length: > 0 } phone)
        {
            claims.Add(new Claim(HushRydClaims.Phone, phone));
        }

        var identity = new ClaimsIdentity(claims, SchemeName, HushRydClaims.Subject, HushRydClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
