using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Trips.Api;

/// <summary>
/// Headers for the public share pages. The script and style are inline, so the policy allows exactly those
/// two elements by a per-response nonce and nothing else: no other script, font, image, frame or origin.
/// </summary>
public static class SharePageHeaders
{
    /// <returns>The nonce the page's script and style elements must carry.</returns>
    public static string Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        NoStore(response);

        // The token is in the URL: a followed link (tel:, or anything injected) must not carry it away in a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        return nonce;
    }

    /// <summary>Share answers change as the trip moves and die with it; no cache may keep one.</summary>
    public static void NoStore(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
    }
}
