using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>The positional arguments every benchmark command takes.</summary>
public static class BenchmarkReport
{
    public static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
