using HushRyd.Platform.Redis;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>
/// The most embedded Garnet keeps in its directory under a steady write load. While a checkpoint is written the
/// directory holds two of each thing a checkpoint writes: the hash index (a file of the index size) and the log
/// snapshot (the live data, at most the log's memory). After a checkpoint the AOF keeps only what came after it, freed
/// whole files at a time, so it holds up to the size limit, the partly freed file at either end, and whatever arrives
/// between the once-a-second size check and the end of the checkpoint. That last part is allowed one more size limit,
/// so the bound holds for loads below about the size limit every two seconds (16 MB/s at the default 32m; the
/// location benchmark's traffic writes a few MB/s).
/// </summary>
public static class GarnetDiskBound
{
    public static long Bytes(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var index = GarnetSize.Bytes(GarnetArguments.IndexSize, "the index size");
        var memory = GarnetSize.Bytes(options.EmbeddedMemory, "Redis:EmbeddedMemory");
        var limit = GarnetSize.PowerOfTwoBytes(options.EmbeddedAofSizeLimit, "Redis:EmbeddedAofSizeLimit");
        var segment = GarnetSize.PowerOfTwoBytes(options.EmbeddedAofSegmentSize, "Redis:EmbeddedAofSegmentSize");
        return (2 * (index + memory)) + (2 * limit) + (2 * segment);
    }
}
