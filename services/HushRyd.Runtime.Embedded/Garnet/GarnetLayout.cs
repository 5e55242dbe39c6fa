using HushRyd.Platform.Hosting;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>
/// The on-disk layout a garnet directory was written with, kept in a small file beside Garnet's own: Garnet records
/// none of it, and replays an AOF written with another segment size wrongly without an error.
/// </summary>
public sealed record GarnetLayout(string AofSegmentSize)
{
    public const string FileName = "hushryd.layout";

    private const string SegmentKey = "aof-segment-size=";

    /// <summary>Data written before layouts were recorded: nothing set the segment size, so it is Garnet's default.</summary>
    public static GarnetLayout Unrecorded { get; } = new("1g");

    /// <summary>The layout of the data in <paramref name="directory"/>, or null when it holds no Garnet data yet.</summary>
    public static GarnetLayout? WrittenIn(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            var line = File.ReadAllText(path).Trim();
            return line.StartsWith(SegmentKey, StringComparison.Ordinal)
                ? new GarnetLayout(line[SegmentKey.Length..])
                : throw new StartupException($"{path} reads '{line}', not {SegmentKey}<size>; restore it, or move the garnet directory away to start empty.");
        }

        var ours = new[] { FileName, GarnetSecret.FileName };
        return Directory.EnumerateFileSystemEntries(directory).Any(entry => !ours.Contains(Path.GetFileName(entry))) ? Unrecorded : null;
    }

    public bool SameAs(GarnetLayout other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return SegmentBytes == other.SegmentBytes;
    }

    public void WriteTo(string directory)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".new", SegmentKey + AofSegmentSize + "\n");
        File.Move(path + ".new", path, overwrite: true);
    }

    private long SegmentBytes => GarnetSize.PowerOfTwoBytes(AofSegmentSize, "the AOF segment size");
}
