namespace HushRyd.Testing;

public static class DiskUsage
{
    /// <summary>Bytes in all files under <paramref name="directory"/>, as the listing found them (Garnet deletes files meanwhile).</summary>
    public static long Of(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Sum(file => file.Length);
}
