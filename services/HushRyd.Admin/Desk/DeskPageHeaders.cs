using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Admin.Desk;

/// <summary>
/// Headers of the desk's pages: scripts and styles only from this origin (the sign-in page's inline ones by a
/// per-response nonce), requests only to this origin, no frames, no referrer, nothing cached that an admin saw.
/// </summary>
public static class DeskPageHeaders
{
    public static void ApplyToDesk(HttpResponse response) =>
        Apply(response, "script-src 'self'; style-src 'self'");

    /// <returns>The nonce the sign-in page's script and style elements must carry.</returns>
    public static string ApplyToSignIn(HttpResponse response)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        Apply(response, $"script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'");
        return nonce;
    }

    private static void Apply(HttpResponse response, string sources)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; {sources}; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers["X-Robots-Tag"] = "noindex, nofollow";
    }
}
