using HushRyd.Trips.Sharing;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Trips.Api;

public static class ShareUrls
{
    /// <summary>The link a user sends: from Trips:PublicBaseUrl when set (behind a proxy or CDN), else from the request.</summary>
    public static Uri For(HttpRequest request, ShareOptions options, string token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var origin = string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : options.PublicBaseUrl.TrimEnd('/');
        return new Uri($"{origin}/share/{token}", UriKind.Absolute);
    }
}
