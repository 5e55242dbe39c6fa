using System.Globalization;
using System.Text.RegularExpressions;

namespace HushRyd.Benchmarks;

public sealed partial record WrkResult(long Requests, double RequestsPerSecond, string P50, string P99, long Non2xx)
{
    /// <summary>CPU the serving process used during the run, per request served: what the pipeline costs, apart from the client's share.</summary>
    public double CpuMicrosecondsPerRequest { get; init; }

    public static WrkResult Parse(string output) => new(
        long.Parse(RequestsPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
        double.Parse(RequestsPerSecondPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
        Percentile(output, "50"),
        Percentile(output, "99"),
        NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);

    private static string Percentile(string output, string percentile) =>
        Regex.Match(output, $@"^\s+{percentile}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecondPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
