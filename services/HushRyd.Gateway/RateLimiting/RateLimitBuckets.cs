using Microsoft.AspNetCore.Http;

namespace HushRyd.Gateway.RateLimiting;

/// <summary>Which bucket a request path draws on; null for paths that are not limited.</summary>
public static class RateLimitBuckets
{
    public const string General = "general";
    public const string Sos = "sos";

    private static readonly PathString SosPath = new("/api/v1/sos");

    // Health, metrics, OpenAPI, docs and the Dapr sidecar's own calls (/dapr, /events) are outside these prefixes:
    // probes and the sidecar must never be throttled.
    private static readonly PathString[] GeneralPaths = [new("/api"), new("/ws"), new("/admin")];

    public static string? For(PathString path)
    {
        if (path.StartsWithSegments(SosPath, StringComparison.OrdinalIgnoreCase))
        {
            return Sos;
        }

        return GeneralPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) ? General : null;
    }
}
