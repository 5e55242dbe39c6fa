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

    /// <summary>
    /// When embedded Garnet's append-only file holds more than this (Garnet's size syntax, rounded down to a power of
    /// two; checked every second), Garnet takes a checkpoint and deletes the AOF files the checkpoint covers. Without a
    /// limit nothing ever takes a checkpoint and the file grows without bound. Smaller means less disk and a faster
    /// restart, at the price of more checkpoints (each writes the live data again).
    /// </summary>
    public string EmbeddedAofSizeLimit { get; set; } = "32m";

    /// <summary>
    /// Size of each of embedded Garnet's AOF files (Garnet's size syntax, rounded down to a power of two). The AOF is
    /// freed one whole file at a time, so this is the granularity of the disk bound; 32m is the smallest Garnet accepts
    /// with its 32 MB AOF pages. Garnet replays an AOF written with another segment size wrongly and silently (keys
    /// vanish), so when this differs from the size the data directory was written with, the next start migrates it:
    /// Garnet starts once with the old size, takes a checkpoint, and restarts with the new one.
    /// </summary>
    public string EmbeddedAofSegmentSize { get; set; } = "32m";
}
