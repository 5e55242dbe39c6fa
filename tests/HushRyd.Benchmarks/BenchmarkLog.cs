namespace HushRyd.Benchmarks;

/// <summary>Where benchmark figures go (docs/benchmarks.md, newest last) and the machine they were measured on.</summary>
public static class BenchmarkLog
{
    public static string Processor =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";

    public static async Task AppendAsync(string report)
    {
        var path = Path.Combine(HushRyd.Testing.RepositoryRoot.Path, "docs", "benchmarks.md");
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, "# Benchmarks\n\nFigures written by the benchmark commands; newest last.\n\n");
        }

        await File.AppendAllTextAsync(path, report + "\n");
    }
}
