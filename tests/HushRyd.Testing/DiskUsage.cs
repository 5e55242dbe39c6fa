namespace HushRyd.Testing;

public static class DiskUsage
{
    /// <summary>Bytes in all files under <paramref name="directory"/>, as the listing found them (Garnet deletes files meanwhile).</summary>
    public static long Of(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Sum(file => file.Length);

    /// <summary>Measures <paramref name="directory"/> every <paramref name="interval"/> until <paramref name="stop"/>; the largest size seen.</summary>
    public static Task<long> LargestUntilAsync(string directory, TimeSpan interval, CancellationToken stop) => Task.Run(async () =>
    {
        long largest = 0;
        while (!stop.IsCancellationRequested)
        {
            largest = Math.Max(largest, Of(directory));
            await Task.Delay(interval, CancellationToken.None);
        }

        return Math.Max(largest, Of(directory));
    });
}
