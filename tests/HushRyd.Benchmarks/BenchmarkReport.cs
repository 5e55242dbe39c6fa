using System.Globalization;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>What every benchmark command shares: its arguments, the machine it ran on, and docs/benchmarks.md.</summary>
public static class BenchmarkReport
{
    public static string Machine
    {
        get
        {
            var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
            return $"{Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}";
        }
    }

    public static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    public static async Task AppendAsync(string report)
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "benchmarks.md");
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, "# Benchmarks\n\nFigures written by the benchmark commands; newest last.\n\n");
        }

        await File.AppendAllTextAsync(path, report + "\n");
    }
}
