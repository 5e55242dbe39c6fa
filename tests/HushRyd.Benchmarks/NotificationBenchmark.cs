using System.Diagnostics;
using System.Globalization;
using System.Net;
using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded.Notifications;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>
/// Issue 11's figures. (1) No-op jobs added and processed per second, taking turns in each round: the Redis job engine,
/// BullMQ on Node against the same redis-server with the same concurrency, and the embedded SQLite engine.
/// (2) Critical-job latency while a backlog of normal jobs with a little provider latency drains. (3) SMS throughput
/// through the dev outbox with the primary (Twilio) told to fail every second send, so MSG91 takes over.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- notifications [seconds jobs rounds]
/// </summary>
public static class NotificationBenchmark
{
    private const int Concurrency = 8;
    private const int Adders = 64;
    private static readonly TimeSpan CriticalEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BacklogProviderLatency = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchmarkReport.Argument(args, 0, 10);
        var jobs = BenchmarkReport.Argument(args, 1, 20_000);
        var roundCount = BenchmarkReport.Argument(args, 2, 3);
        var loadBefore = LoadAverage();
        await BullMqRun.EnsureInstalledAsync();
        await using var redis = await TestRedis.StartAsync(RedisBackend.RedisServer);
        var endpoint = (IPEndPoint)redis.Multiplexer.GetEndPoints()[0];
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
        var server = admin.GetServer(endpoint);

        // Warm-up: JIT, Lua script loading, Node's module cache.
        var warmUp = Math.Min(jobs, 1000);
        await NoOpAsync(JobEngine.Redis, redis.Multiplexer, server, warmUp);
        await BullMqRun.NoOpAsync(endpoint.Port, warmUp, Concurrency, "warm-up");
        await NoOpAsync(JobEngine.Sqlite, redis.Multiplexer, server, warmUp);

        var rounds = new List<NoOpRound>();
        for (var round = 0; round < roundCount; round++)
        {
            var ours = await NoOpAsync(JobEngine.Redis, redis.Multiplexer, server, jobs);
            await server.FlushDatabaseAsync();
            var bull = await BullMqRun.NoOpAsync(endpoint.Port, jobs, Concurrency, $"round-{round}");
            var sqlite = await NoOpAsync(JobEngine.Sqlite, redis.Multiplexer, server, jobs);
            rounds.Add(new NoOpRound(ours, bull, sqlite));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {rounds[^1]}"));
        }

        var latencies = new List<(JobEngine Engine, CriticalLatency Result)>();
        foreach (var engine in Enum.GetValues<JobEngine>())
        {
            await server.FlushDatabaseAsync();
            latencies.Add((engine, await CriticalLatencyAsync(engine, redis.Multiplexer, jobs, TimeSpan.FromSeconds(seconds))));
            Console.WriteLine($"critical latency on {engine}: {latencies[^1].Result}");
        }

        var fallbacks = new List<(JobEngine Engine, SmsFallback Result)>();
        foreach (var engine in Enum.GetValues<JobEngine>())
        {
            await server.FlushDatabaseAsync();
            fallbacks.Add((engine, await SmsFallbackAsync(engine, redis.Multiplexer, jobs / 4)));
            Console.WriteLine($"SMS with the primary failing half the time on {engine}: {fallbacks[^1].Result}");
        }

        var node = await NodeVersionAsync();
        var setup = string.Create(CultureInfo.InvariantCulture, $"one redis-server {server.Version} (no persistence) shared by the Redis engine and BullMQ 6.7.0 on Node {node}; the machine is shared with another engineer's build (load average {loadBefore} before, {LoadAverage()} after), so absolute figures are indicative and the ratios, taken moments apart, are what counts. Release build.");
        var report = Report(setup, jobs, seconds, rounds, latencies, fallbacks);
        Console.WriteLine(report);
        await BenchmarkLog.AppendAsync(report);
        return 0;
    }

    /// <summary>Adds <paramref name="jobs"/> normal no-op SMS jobs with the workers held back, then times the workers draining them.</summary>
    private static async Task<EngineRate> NoOpAsync(JobEngine engine, IConnectionMultiplexer redis, IServer server, int jobs)
    {
        await server.FlushDatabaseAsync();

        // Every slot may take normal jobs, as every slot of BullMQ's worker does.
        await using var host = await NotificationBenchHost.StartAsync(engine, redis, TimeSpan.Zero, Settings(reservedSlots: 0));
        var clock = Stopwatch.StartNew();
        await AddAsync(host, jobs, JobPriority.Normal);
        var enqueue = jobs / clock.Elapsed.TotalSeconds;
        clock.Restart();
        await host.StartWorkersAsync();
        await WaitUntilEndedAsync(host, JobPriority.Normal, jobs);
        var processed = jobs / clock.Elapsed.TotalSeconds;
        var failed = await host.CountAsync(JobPriority.Normal, JobStatus.Failed);
        return failed == 0 ? new EngineRate(enqueue, processed) : throw new InvalidOperationException($"{failed} no-op jobs failed on {engine}");
    }

    /// <summary>A critical job every 20 ms while the backlog drains, for at most <paramref name="duration"/>; latency from add to finished as the store records it.</summary>
    private static async Task<CriticalLatency> CriticalLatencyAsync(JobEngine engine, IConnectionMultiplexer redis, int backlog, TimeSpan duration)
    {
        await using var host = await NotificationBenchHost.StartAsync(engine, redis, BacklogProviderLatency, Settings(reservedSlots: 1));
        await AddAsync(host, backlog, JobPriority.Normal);
        await host.StartWorkersAsync();
        var critical = new List<NotificationJob>();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(CriticalEvery);
        while (clock.Elapsed < duration && (critical.Count % 25 != 0 || await host.CountAsync(JobPriority.Normal, JobStatus.Completed, JobStatus.Failed) < backlog))
        {
            critical.Add(await host.Queue.AddCriticalAsync(Sms(backlog + critical.Count)));
            await timer.WaitForNextTickAsync();
        }

        await WaitUntilEndedAsync(host, JobPriority.Critical, critical.Count);
        var drained = await host.CountAsync(JobPriority.Normal, JobStatus.Completed, JobStatus.Failed);
        var milliseconds = new List<double>(critical.Count);
        foreach (var job in critical)
        {
            var ended = await host.Store.GetAsync(job.Id, CancellationToken.None);
            milliseconds.Add((ended!.FinishedAt!.Value - ended.CreatedAt).TotalMilliseconds);
        }

        milliseconds.Sort();
        return new CriticalLatency(critical.Count, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), milliseconds[^1], drained, backlog);
    }

    /// <summary>High-priority SMS jobs through the dev outbox with Twilio failing every second send; who sent how many.</summary>
    private static async Task<SmsFallback> SmsFallbackAsync(JobEngine engine, IConnectionMultiplexer redis, int jobs)
    {
        var settings = Settings(reservedSlots: 1);
        settings["Notifications:FailShare:twilio"] = "0.5";
        await using var host = await NotificationBenchHost.StartAsync(engine, redis, null, settings);
        await AddAsync(host, jobs, JobPriority.High);
        var clock = Stopwatch.StartNew();
        await host.StartWorkersAsync();
        await WaitUntilEndedAsync(host, JobPriority.High, jobs);
        var rate = jobs / clock.Elapsed.TotalSeconds;
        var outbox = await host.Services.GetRequiredService<DevOutbox>().ReadAsync(NotificationChannelKind.Sms, null, jobs * 2, CancellationToken.None);
        var sent = outbox.GroupBy(entry => entry.Provider, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        return new SmsFallback(
            jobs,
            rate,
            sent.GetValueOrDefault("twilio"),
            sent.GetValueOrDefault("msg91"),
            await host.CountAsync(JobPriority.High, JobStatus.Failed));
    }

    private static Dictionary<string, string?> Settings(int reservedSlots) => new()
    {
        ["Notifications:Queues:Concurrency:sms"] = Concurrency.ToString(CultureInfo.InvariantCulture),
        ["Notifications:Queues:CriticalReservedSlots"] = reservedSlots.ToString(CultureInfo.InvariantCulture),
    };

    private static OutgoingMessage Sms(int n) => new(NotificationChannelKind.Sms, $"+9198{n:D8}", $"message {n}");

    /// <summary>From <see cref="Adders"/> callers at once, as many request handlers would add them.</summary>
    private static Task AddAsync(NotificationBenchHost host, int jobs, JobPriority priority) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, jobs),
            new ParallelOptions { MaxDegreeOfParallelism = Adders },
            async (n, token) => await host.Queue.AddJobAsync(Sms(n), priority, cancellationToken: token));

    private static async Task WaitUntilEndedAsync(NotificationBenchHost host, JobPriority priority, int jobs)
    {
        var clock = Stopwatch.StartNew();
        while (await host.CountAsync(priority, JobStatus.Completed, JobStatus.Failed) < jobs)
        {
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"{priority} jobs did not all end within {Patience}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Label(JobEngine engine) => engine == JobEngine.Sqlite ? "SQLite" : "Redis";

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task<string> NodeVersionAsync()
    {
        using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        var version = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        return version.Trim();
    }

    private static string Report(
        string setup, int jobs, int seconds, List<NoOpRound> rounds, List<(JobEngine Engine, CriticalLatency Result)> latencies, List<(JobEngine Engine, SmsFallback Result)> fallbacks)
    {
        var median = rounds.OrderBy(r => r.ProcessedOfBull).ElementAt(rounds.Count / 2);
        var text = BenchmarkLog.Start("Notification jobs: the Redis engine against BullMQ, the SQLite engine, critical latency, SMS fallback", setup);
        text.AppendLine(CultureInfo.InvariantCulture, $"No-op jobs, {rounds.Count} rounds taking turns: {jobs:N0} normal SMS jobs added with the workers held back (HushRyd: {Adders} concurrent adds through `JobQueue`; BullMQ: `addBulk` in chunks of 1,000), then drained by workers of concurrency {Concurrency} (HushRyd: the module's `NotificationWorkers` with every slot open to normal jobs and a no-op provider; BullMQ: one `Worker` with an empty processor, plain FIFO jobs).");
        text.AppendLine();
        text.AppendLine("| round | HushRyd Redis added/s | processed/s | BullMQ added/s | processed/s | HushRyd SQLite added/s | processed/s | Redis / BullMQ added | Redis / BullMQ processed |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            var label = r == median ? $"{i + 1} (median)" : $"{i + 1}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {r.Redis.EnqueuePerSecond:N0} | {r.Redis.ProcessedPerSecond:N0} | {r.Bull.EnqueuePerSecond:N0} | {r.Bull.ProcessedPerSecond:N0} | {r.Sqlite.EnqueuePerSecond:N0} | {r.Sqlite.ProcessedPerSecond:N0} | {r.EnqueueOfBull:P0} | {r.ProcessedOfBull:P0} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Critical-job latency: {jobs:N0} normal jobs with {BacklogProviderLatency.TotalMilliseconds:N0} ms of provider latency each, concurrency {Concurrency} with one slot reserved for critical jobs; a critical job added every {CriticalEvery.TotalMilliseconds:N0} ms while the backlog drains (at most {seconds} s); latency from the add to the job finished, as the store records both. Target p99 < 50 ms.");
        text.AppendLine();
        text.AppendLine("| engine | critical jobs | p50 | p99 | max | normal jobs ended meanwhile | p99 < 50 ms |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (engine, l) in latencies)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Label(engine)} | {l.Count} | {l.P50:N1} ms | {l.P99:N1} ms | {l.Max:N1} ms | {l.BacklogEnded:N0} of {l.Backlog:N0} | {(l.P99 < 50 ? "yes" : "no")} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"SMS with the primary failing half of the time: high-priority SMS jobs through the dev outbox (the embedded providers, writing `outbox/sms.jsonl`) with `Notifications:FailShare:twilio = 0.5`, so every second Twilio send fails and MSG91 takes the message in the same attempt; concurrency {Concurrency}. On the Redis engine the dev outbox stands in for the Dapr bindings.");
        text.AppendLine();
        text.AppendLine("| engine | jobs | jobs/s | sent by twilio | sent by msg91 | failed |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var (engine, f) in fallbacks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Label(engine)} | {f.Jobs:N0} | {f.PerSecond:N0} | {f.Twilio:N0} | {f.Msg91:N0} | {f.Failed:N0} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median round (by processed ratio): the Redis engine added {median.EnqueueOfBull:P0} and processed {median.ProcessedOfBull:P0} of BullMQ's rate (goal: at least BullMQ's throughput).");
        return text.ToString();
    }
}
