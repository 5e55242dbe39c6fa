namespace HushRyd.Platform.Http;

/// <summary>The path prefixes the gateway routes by, and that its guards and rate limiter recognise.</summary>
public static class RoutePrefixes
{
    public const string Api = "/api";

    public const string Realtime = "/ws";

    public const string Admin = "/admin";
}
