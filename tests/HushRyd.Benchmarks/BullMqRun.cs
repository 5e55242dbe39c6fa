using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>The BullMQ side: bullmq/noop.js on Node, against the same redis-server; installs its locked packages first if needed.</summary>
internal static class BullMqRun
{
    private static readonly string Directory = Path.Combine(RepositoryRoot.Path, "tests", "HushRyd.Benchmarks", "bullmq");

    public static async Task EnsureInstalledAsync()
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
        }
    }

    /// <summary>Adds <paramref name="jobs"/> no-op jobs with addBulk and processes them with one Worker of <paramref name="concurrency"/>.</summary>
    public static async Task<EngineRate> NoOpAsync(int port, int jobs, int concurrency, string queueName)
    {
        var output = await RunAsync("node", ["noop.js", port.ToString(CultureInfo.InvariantCulture), jobs.ToString(CultureInfo.InvariantCulture), concurrency.ToString(CultureInfo.InvariantCulture), queueName]);
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        if (root.GetProperty("completed").GetInt32() != jobs)
        {
            throw new InvalidOperationException($"BullMQ completed {root.GetProperty("completed").GetInt32()} of {jobs} jobs: {output}");
        }

        return new EngineRate(root.GetProperty("enqueuePerSecond").GetDouble(), root.GetProperty("processedPerSecond").GetDouble());
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
    }
}
