namespace HushRyd.Realtime;

public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>This node's name in the cluster stats; empty: the host name, the process id and a random suffix.</summary>
    public string? NodeId { get; set; }

    /// <summary>
    /// How often every connection's token and session are checked again, so a logout or revocation closes connections
    /// opened before it. Each check is the gateway's own, token and session caches included (Auth:CheckCacheDuration).
    /// </summary>
    public TimeSpan SessionRecheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages written to a connection but not yet taken by its transport; one more and the client is dropped.</summary>
    public int MaxPendingMessages { get; set; } = 64;

    /// <summary>Bytes SignalR buffers between the hub and each connection's transport, in each direction.</summary>
    public long TransportBufferBytes { get; set; } = 32 * 1024;

    /// <summary>How often the server pings a hub connection it has sent nothing else; empty: SignalR's default (15 s). Both paths.</summary>
    public TimeSpan? KeepAliveInterval { get; set; }

    /// <summary>How long a hub client may say nothing (not even a ping) before it is dropped; empty: SignalR's default (30 s). Both paths.</summary>
    public TimeSpan? ClientTimeoutInterval { get; set; }

    /// <summary>How often this node writes its stats (and keeps its room list alive) in Redis; entries live three times as long.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a share-page stream checks that its link still stands (the trip may have ended) and sends a ping.</summary>
    public TimeSpan ShareStreamRecheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
