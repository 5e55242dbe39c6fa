using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>Reads sums out of a /metrics page, for figures the server measures itself (such as history lag).</summary>
internal static class PrometheusText
{
    /// <summary>The total of every series whose name starts with <paramref name="prefix"/> and ends with <paramref name="suffix"/>.</summary>
    public static double Sum(string page, string prefix, string suffix) =>
        page.Split('\n')
            .Where(line => line.StartsWith(prefix, StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 2 && parts[0].Split('{')[0].EndsWith(suffix, StringComparison.Ordinal))
            .Sum(parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
}
