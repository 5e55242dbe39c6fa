using System.Diagnostics;
using System.Globalization;
using System.Text;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// Requests/s and p50/p99 of an authenticated, rate-limited call through the real server next to the same route without
/// the gateway pipeline: on the same kind of HushRyd host (the target's baseline) and on plain Kestrel (for reference).
/// The three take turns for several rounds and the median round counts: on a shared 2-core machine the speed of all of
/// them drifts by a quarter within minutes, and a ratio is only fair between runs made moments apart.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks [-- seconds-per-run connections warm-up-seconds rounds]
/// </summary>
public static class GatewayBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Argument(args, 0, 10);
        var connections = Argument(args, 1, 64);

        // Both sides are warmed alike; the server has far more code on its hot path for tiered JIT to finish compiling.
        var warmUp = Argument(args, 2, 15);
        var roundCount = Argument(args, 3, 5);
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path, new Dictionary<string, string>
        {
            // The limiter runs on every request but never refuses: the figure is its cost, not its verdict. The window
            // is the real minute; the one busy principal's log holds an entry per lease, not per request.
            ["RateLimits__Authenticated"] = "100000000",
            ["Logging__LogLevel__Default"] = "Error",
        });
        using var client = await server.WaitUntilReadyAsync();
        var token = await TestLogin.LoginAsync(client, data.Path, "+919800000777");
        await using var plain = await BaselineApp.PlainKestrelAsync();
        await using var host = await BaselineApp.ServiceHostAsync();

        const string Route = "/api/v1/auth/whoami";
        var pipelineUrl = new Uri(server.BaseAddress, Route).ToString();
        var plainUrl = new Uri(plain.BaseAddress, Route).ToString();
        var hostUrl = new Uri(host.BaseAddress, Route).ToString();
        Func<TimeSpan> inThisProcess = () => Process.GetCurrentProcess().TotalProcessorTime;
        await WrkAsync(plainUrl, null, warmUp, connections);
        await WrkAsync(hostUrl, null, warmUp, connections);
        await WrkAsync(pipelineUrl, token, warmUp, connections);
        var rounds = new List<BenchmarkRound>();
        for (var round = 0; round < roundCount; round++)
        {
            rounds.Add(new BenchmarkRound(
                await MeasureAsync(inThisProcess, plainUrl, null, seconds, connections),
                await MeasureAsync(inThisProcess, hostUrl, null, seconds, connections),
                await MeasureAsync(() => server.ProcessorTime, pipelineUrl, token, seconds, connections)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {rounds[^1]}"));
        }

        var report = Report(seconds, connections, warmUp, rounds);
        Console.WriteLine(report);
        await AppendAsync(report);
        return rounds.All(r => r.Pipeline.Non2xx == 0) ? 0 : 1;
    }

    internal static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static async Task<WrkResult> MeasureAsync(Func<TimeSpan> processorTime, string url, string? token, int seconds, int connections)
    {
        var before = processorTime();
        var result = await WrkAsync(url, token, seconds, connections);
        var used = processorTime() - before;
        return result with { CpuMicrosecondsPerRequest = used.TotalMicroseconds / result.Requests };
    }

    private static async Task<WrkResult> WrkAsync(string url, string? token, int seconds, int connections)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency" })
        {
            start.ArgumentList.Add(argument);
        }

        if (token is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"Authorization: Bearer {token}");
        }

        start.ArgumentList.Add(url);
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk is not installed: apt-get install wrk");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return WrkResult.Parse(output);
    }

    private static string Report(int seconds, int connections, int warmUp, List<BenchmarkRound> rounds)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
        var median = rounds.OrderBy(r => r.OfHost).ElementAt(rounds.Count / 2);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Gateway pipeline: auth + rate limiting ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}; servers, Garnet and wrk share them. Release build; {warmUp} s of warm-up each, then {rounds.Count} rounds of wrk -t2 -c{connections} -d{seconds}s on each of the three in turn.");
        text.AppendLine();
        text.AppendLine("| round | plain Kestrel req/s (CPU/req) | HushRyd host, no gateway req/s (CPU/req) | pipeline req/s | pipeline p50 / p99 | pipeline CPU/req | non-2xx | pipeline / host | pipeline / plain |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var (plain, host, pipeline) = rounds[i];
            var label = rounds[i] == median ? $"{i + 1} (median)" : $"{i + 1}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {plain.RequestsPerSecond:N0} ({plain.CpuMicrosecondsPerRequest:N1} µs) | {host.RequestsPerSecond:N0} ({host.CpuMicrosecondsPerRequest:N1} µs) | {pipeline.RequestsPerSecond:N0} | {pipeline.P50} / {pipeline.P99} | {pipeline.CpuMicrosecondsPerRequest:N1} µs | {pipeline.Non2xx} | {rounds[i].OfHost:P0} | {rounds[i].OfPlain:P0} |");
        }

        text.AppendLine();
        text.AppendLine("Same route and response everywhere. Plain Kestrel: nothing in front of it. HushRyd host, no gateway: the service defaults every HushRyd process has (metrics, problem details, exception handling), logging as the server. Pipeline: the hushryd server, which adds JWT + session check (each cached <= 1 s), the sliding window in Redis leased per instance far from the limit, admin guards and authorization. CPU per request is the serving process's, all threads (embedded Garnet included).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median round: pipeline {median.Pipeline.RequestsPerSecond:N0} requests/s, {median.OfHost:P0} of the same host without the gateway pipeline ({median.OfPlain:P0} of plain Kestrel); target >= 10,000 requests/s and >= 80 %.");
        return text.ToString();
    }

    internal static async Task AppendAsync(string report)
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "benchmarks.md");
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, "# Benchmarks\n\nFigures written by the benchmark commands; newest last.\n\n");
        }

        await File.AppendAllTextAsync(path, report + "\n");
    }
}
