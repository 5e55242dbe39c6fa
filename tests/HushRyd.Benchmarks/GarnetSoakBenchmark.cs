using System.Diagnostics;
using System.Globalization;
using HushRyd.Platform.Redis;
using HushRyd.Runtime.Embedded.Garnet;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// Embedded Garnet with the server's default settings under location-update traffic (HSET of the six position fields,
/// GEOADD and PUBLISH per update, pipelined a round of all trips at a time, as fast as it goes) for a few minutes: the
/// largest size of its directory against <see cref="GarnetDiskBound"/>, the throughput, and a restart that must find
/// every trip's last position.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- garnet-soak [seconds] [trips]
/// </summary>
public static class GarnetSoakBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 180;
        var trips = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var loadBefore = LoadAverage();
        var options = new RedisOptions();
        var bound = GarnetDiskBound.Bytes(options);
        using var data = new TempDirectory();
        var directory = EmbeddedGarnet.DirectoryIn(data.Path);

        var rounds = 0;
        long largest;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var (garnet, _) = await TestRedis.StartGarnetOnAsync(data.Path, options);
        await using (garnet)
        {
            using var stop = new CancellationTokenSource();
            var sampler = DiskUsage.LargestUntilAsync(directory, TimeSpan.FromMilliseconds(250), stop.Token);
            var nextReport = TimeSpan.FromSeconds(30);
            for (; clock.Elapsed < TimeSpan.FromSeconds(seconds); rounds++)
            {
                await LocationTraffic.WriteRoundAsync(garnet.Multiplexer.GetDatabase(), trips, rounds);
                if (clock.Elapsed >= nextReport)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F0} s: {(long)rounds * trips:N0} updates, garnet dir {DiskUsage.Of(directory) >> 20} MB"));
                    nextReport += TimeSpan.FromSeconds(30);
                }
            }

            await stop.CancelAsync();
            largest = await sampler;
        }

        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var final = DiskUsage.Of(directory);
        var restart = Stopwatch.StartNew();
        var (restarted, _) = await TestRedis.StartGarnetOnAsync(data.Path, options);
        int lost;
        await using (restarted)
        {
            var recovery = restart.Elapsed;
            lost = await LocationTraffic.CountNotAtRoundAsync(restarted.Multiplexer.GetDatabase(), trips, rounds - 1);
            var load = $"load average {loadBefore} at the start, {LoadAverage()} at the end";
            var report = Report(options, seconds, trips, (long)rounds * trips, elapsed, cpu, largest, final, bound, recovery, lost, load);
            Console.WriteLine(report);
            await BenchmarkLog.AppendAsync(report);
        }

        return largest <= bound && lost == 0 ? 0 : 1;
    }

    private static string Report(RedisOptions options, int seconds, int trips, long updates, TimeSpan elapsed, TimeSpan cpu, long largest, long final, long bound, TimeSpan recovery, int lost, string load)
    {
        var text = BenchmarkLog.Start(
            "Embedded Garnet soak: location updates against the disk bound",
            string.Create(CultureInfo.InvariantCulture, $"shared with other engineers' builds while it ran ({load}); client and Garnet in one process. Release build, {seconds} s, {trips:N0} trips each updated once per pipelined round (HSET 6 fields + GEOADD + PUBLISH). Garnet as the server runs it: -m {options.EmbeddedMemory}, AOF commit every {options.EmbeddedAofCommitMs} ms, size limit {options.EmbeddedAofSizeLimit}, segments {options.EmbeddedAofSegmentSize}."));
        text.AppendLine("| updates | updates/s | updates/min | CPU per update | largest garnet dir | at the end | bound | restart to ready | last positions lost |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {updates:N0} | {updates / elapsed.TotalSeconds:N0} | {updates / elapsed.TotalMinutes:N0} | {cpu.TotalMicroseconds / updates:N1} µs | {largest >> 20} MB | {final >> 20} MB | {bound >> 20} MB | {recovery.TotalSeconds:F1} s | {lost} of {trips:N0} |");
        return text.ToString();
    }

    /// <summary>The 1-minute load average: how much else wanted the 2 cores.</summary>
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
