namespace HushRyd.Gateway.Routing;

/// <summary>
/// Where the gateway forwards what it does not serve itself, when modules run in other processes
/// (a URL, or the sidecar's invoke URL such as http://localhost:3500/v1.0/invoke/hushryd-trips/method).
/// Empty means that traffic is served in this process (--target all).
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Gateway:Proxy";

    /// <summary>/api/v1/* (the API cluster of the seed).</summary>
    public string? Api { get; set; }

    /// <summary>Trip positions and tracks, batches and drivers (the location service); with the API cluster when empty.</summary>
    public string? Location { get; set; }

    /// <summary>/api/v1/sos and /admin/v1/sos (the SOS service); with the API and admin clusters when empty.</summary>
    public string? Sos { get; set; }

    /// <summary>/admin/v1/queues (the notification queues' admin API); with the admin cluster when empty.</summary>
    public string? Notifications { get; set; }

    /// <summary>/ws/* and /admin/v1/realtime (the WebSocket cluster, its stats and the desk's live feed).</summary>
    public string? Realtime { get; set; }

    /// <summary>/admin/* (the admin service: the safety desk's pages and session).</summary>
    public string? Admin { get; set; }
}
