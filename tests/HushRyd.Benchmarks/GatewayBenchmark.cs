using System.Diagnostics;
using System.Globalization;
using System.Text;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// Requests/s and p50/p99 of an authenticated, rate-limited call through the real server (JWT validation,
/// session check in Redis, each remembered for up to a second, and the sliding window in Redis, leased a batch of permits at a time while far from the limit) next to the same endpoint on a bare Kestrel app, in one run.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks [-- seconds connections warm-up-seconds]
/// </summary>
public static class GatewayBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;

        // Both sides are warmed alike; the server has far more code on its hot path for tiered JIT to finish compiling.
        var warmUp = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
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
        var bareResult = await WrkAsync(bareUrl, null, seconds, connections);
        var pipelineResult = await WrkAsync(pipelineUrl, token, seconds, connections);

        var ratio = pipelineResult.RequestsPerSecond / bareResult.RequestsPerSecond;
        var report = Report(seconds, connections, warmUp, bareResult, pipelineResult, ratio);
        Console.WriteLine(report);
        await AppendAsync(report);
        return pipelineResult.Non2xx == 0 ? 0 : 1;
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

    private static string Report(int seconds, int connections, int warmUp, WrkResult bare, WrkResult pipeline, double ratio)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Gateway pipeline: auth + rate limiting ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores ({cpu}), {Environment.OSVersion}; server, Garnet and wrk share them. wrk -t2 -c{connections} -d{seconds}s after {warmUp} s of warm-up each, Release build.");
        text.AppendLine();
        text.AppendLine("| endpoint | requests/s | p50 | p99 | non-2xx |");
        text.AppendLine("|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| bare Kestrel, same route, no pipeline | {bare.RequestsPerSecond:N0} | {bare.P50} | {bare.P99} | {bare.Non2xx} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| hushryd: JWT + session check (each cached <= 1 s) + sliding window in Redis, leased per instance far from the limit + admin guard | {pipeline.RequestsPerSecond:N0} | {pipeline.P50} | {pipeline.P99} | {pipeline.Non2xx} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Pipeline throughput is {ratio:P0} of bare; target >= 10,000 requests/s and >= 80 %.");
        return text.ToString();
    }

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
