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
}
