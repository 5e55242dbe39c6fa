using System.Security.Claims;
using HushRyd.Platform.Identity;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>Principals shaped as the gateway's authentication handler makes them.</summary>
internal static class TestPrincipals
{
    public static ClaimsPrincipal User(string userId, params string[] roles) =>
        Principal(userId, HushRydClaims.KindUser, roles);

    public static ClaimsPrincipal ApiKey(string keyId) =>
        Principal(keyId, HushRydClaims.KindApiKey, ["service"]);

    private static ClaimsPrincipal Principal(string subject, string kind, IEnumerable<string> roles) =>
        new(new ClaimsIdentity(
            [new Claim(HushRydClaims.Subject, subject), new Claim(HushRydClaims.Kind, kind), .. roles.Select(r => new Claim(HushRydClaims.Role, r))],
            "test",
            HushRydClaims.Subject,
            HushRydClaims.Role));
}
