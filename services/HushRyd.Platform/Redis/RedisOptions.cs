namespace HushRyd.Platform.Redis;

public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>An external Redis or Redis Cluster. Empty means the embedded runtime starts Garnet in-process.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Port for embedded Garnet; 0 picks a free loopback port.</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Memory for embedded Garnet's log, in Garnet's size syntax.</summary>
    public string EmbeddedMemory { get; set; } = "512m";

    /// <summary>
    /// How often embedded Garnet writes its append-only file, in milliseconds; 0 writes after every operation.
    /// Garnet answers before the write either way; batching the writes saves a disk write per write command (rate-limit
    /// leases, sessions, positions) at the price of losing at most this long of hot state in a crash.
    /// A clean stop commits everything. Garnet wakes this often even when idle: every 2 ms cost an idle server about
    /// 13 % of a core, every 20 ms about 4 %.
    /// </summary>
    public int EmbeddedAofCommitMs { get; set; } = 20;
}
