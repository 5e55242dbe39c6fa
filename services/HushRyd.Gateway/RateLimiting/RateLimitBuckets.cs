using HushRyd.Platform.Http;
using Microsoft.AspNetCore.Http;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>Which bucket a request path draws on; null for paths that are not limited.</summary>
public static class RateLimitBuckets
{
    public const string General = "general";
    public const string Sos = "sos";

    /// <summary>
    /// Public share pages and their polling, counted per client IP at the anonymous limit but apart from
    /// <see cref="General"/>: a family watching a trip must not spend the budget the same network's app calls need.
    /// </summary>
    public const string Share = "share";

    private static readonly PathString SosPath = new("/api/v1/sos");
    private static readonly PathString SharePath = new("/share");

    // Health, metrics, OpenAPI, docs and the Dapr sidecar's own calls (/dapr, /events) are outside these prefixes:
    // probes and the sidecar must never be throttled.
    private static readonly PathString[] GeneralPaths = [new(RoutePrefixes.Api), new(RoutePrefixes.Realtime), new(RoutePrefixes.Admin)];

    public static string? For(PathString path)
    {
        if (path.StartsWithSegments(SosPath, StringComparison.OrdinalIgnoreCase))
        {
            return Sos;
        }

        if (path.StartsWithSegments(SharePath, StringComparison.OrdinalIgnoreCase))
        {
            return Share;
        }

        foreach (var prefix in GeneralPaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return General;
            }
        }

        return null;
    }
}
