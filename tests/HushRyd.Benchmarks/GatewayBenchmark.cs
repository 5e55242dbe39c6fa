using System.Diagnostics;
using System.Globalization;
using System.Text;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// Requests/s and p50/p99 of an authenticated, rate-limited call through the real server (JWT validation,
/// session check in Redis, each remembered for up to a second, and the sliding window in Redis, leased a batch of permits at a time while far from the limit) next to the same endpoint on a bare Kestrel app, in one run.
/// The two alternate for several rounds and the median round counts: on a shared 2-core machine the speed of both drifts
/// by a quarter within minutes, and a ratio is only fair between runs made moments apart.
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
        var rounds = Argument(args, 3, 5);
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path, new Dictionary<string, string>
        {
            // The limiter runs on every request but never refuses: the figure is its cost, not its verdict.
            // A 100 ms window keeps the one benchmark principal's sliding log near a real principal's size
            // (at most ~1,000 entries at 10k requests/s) instead of growing to a million entries.
            ["RateLimits__Authenticated"] = "100000000",
            ["RateLimits__Window"] = "00:00:00.100",
            ["Logging__LogLevel__Default"] = "Error",
        });
        using var client = await server.WaitUntilReadyAsync();
        var token = await TestLogin.LoginAsync(client, data.Path, "+919800000777");
        await using var bare = await BareApp.StartAsync();

        var pipelineUrl = new Uri(server.BaseAddress, "/api/v1/auth/whoami").ToString();
        var bareUrl = new Uri(bare.BaseAddress, "/api/v1/auth/whoami").ToString();
        await WrkAsync(bareUrl, null, warmUp, connections);
        await WrkAsync(pipelineUrl, token, warmUp, connections);
        var results = new List<(WrkResult Bare, WrkResult Pipeline)>();
        for (var round = 0; round < rounds; round++)
        {
            var bareResult = await MeasureAsync(() => Process.GetCurrentProcess().TotalProcessorTime, bareUrl, null, seconds, connections);
            var pipelineResult = await MeasureAsync(() => server.ProcessorTime, pipelineUrl, token, seconds, connections);
            results.Add((bareResult, pipelineResult));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: bare {bareResult.RequestsPerSecond:N0}/s, pipeline {pipelineResult.RequestsPerSecond:N0}/s"));
        }

        var report = Report(seconds, connections, warmUp, results);
        Console.WriteLine(report);
        await AppendAsync(report);
        return results.All(r => r.Pipeline.Non2xx == 0) ? 0 : 1;
    }

    private static int Argument(string[] args, int index, int fallback) =>
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

    private static string Report(int seconds, int connections, int warmUp, List<(WrkResult Bare, WrkResult Pipeline)> results)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
        var median = results.OrderBy(Ratio).ElementAt(results.Count / 2);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Gateway pipeline: auth + rate limiting ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}; server, Garnet and wrk share them. Release build; {warmUp} s of warm-up each, then {results.Count} rounds of wrk -t2 -c{connections} -d{seconds}s on bare, then on the pipeline.");
        text.AppendLine();
        text.AppendLine("| round | bare requests/s | bare p50 / p99 | bare CPU per request | pipeline requests/s | pipeline p50 / p99 | pipeline CPU per request | pipeline non-2xx | ratio |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < results.Count; i++)
        {
            var (bare, pipeline) = results[i];
            var label = results[i] == median ? $"{i + 1} (median)" : $"{i + 1}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {bare.RequestsPerSecond:N0} | {bare.P50} / {bare.P99} | {bare.CpuMicrosecondsPerRequest:N1} µs | {pipeline.RequestsPerSecond:N0} | {pipeline.P50} / {pipeline.P99} | {pipeline.CpuMicrosecondsPerRequest:N1} µs | {pipeline.Non2xx} | {Ratio(results[i]):P0} |");
        }

        text.AppendLine();
        text.AppendLine("Bare: the same route on plain Kestrel, nothing in front of it. Pipeline: the hushryd server with JWT + session check (each cached <= 1 s), sliding window in Redis leased per instance far from the limit, admin guards, authorization, problem details and metrics. CPU per request is the serving process's, all threads (embedded Garnet included), over the requests it served.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median round: pipeline {median.Pipeline.RequestsPerSecond:N0} requests/s, {Ratio(median):P0} of bare; target >= 10,000 requests/s and >= 80 %.");
        return text.ToString();
    }

    private static double Ratio((WrkResult Bare, WrkResult Pipeline) round) => round.Pipeline.RequestsPerSecond / round.Bare.RequestsPerSecond;

    private static async Task AppendAsync(string report)
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "benchmarks.md");
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, "# Benchmarks\n\nFigures written by the benchmark commands; newest last.\n\n");
        }

        await File.AppendAllTextAsync(path, report + "\n");
    }
}
