using System.Globalization;
using System.Text;

namespace HushRyd.Benchmarks;

/// <summary>Where benchmark figures go (docs/benchmarks.md, newest last) and the machine they were measured on.</summary>
public static class BenchmarkLog
{
    /// <summary>A report's heading with the time, then its first paragraph: the machine, followed by <paramref name="setup"/>.</summary>
    public static StringBuilder Start(string title, string setup)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"## {title} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}; {setup}")
            .AppendLine();
    }

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
