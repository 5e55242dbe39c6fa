using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using HushRyd.Location.Positions;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// Location updates through the whole server (gateway, trip checks, the newest-wins script, publish, history) as single
/// PUTs and as batches of 1,000, taking turns with the raw limit: the same Redis commands pipelined from a client
/// straight into an embedded Garnet, no HTTP. The median round counts.
/// Each trip has its own driver and token, so single updates come from as many principals as trips (each new one a cold token
/// and session check, its own rate-limit lease); batches come from one fleet API key.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- location [seconds-per-run connections rounds trips]
/// </summary>
public static class LocationBenchmark
{
    private const int BatchSize = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchmarkReport.Argument(args, 0, 15);
        var connections = BenchmarkReport.Argument(args, 1, 64);
        var roundCount = BenchmarkReport.Argument(args, 2, 3);
        var tripCount = BenchmarkReport.Argument(args, 3, 200);
        using var data = new TempDirectory();
        var phones = Enumerable.Range(0, tripCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"+91970{i:D7}")).ToArray();
        var environment = new Dictionary<string, string>
        {
            ["RateLimits__Authenticated"] = "100000000",
            ["RateLimits__Premium"] = "100000000",
            ["Logging__LogLevel__Default"] = "Error",
        };
        for (var i = 0; i < phones.Length; i++)
        {
            environment[$"Auth__DriverPhones__{i + 10}"] = phones[i];
        }

        await using var server = ServerProcess.Start(data.Path, environment);
        using var client = await server.WaitUntilReadyAsync();
        var drivers = await StartTripsAsync(server.BaseAddress, data.Path, phones);
        var trips = drivers.Select(d => d.Trip).ToList();
        var fleetKey = await FleetKeyAsync(client, data.Path);
        var singleScript = Path.Combine(data.Path, "single.lua");
        var batchScript = Path.Combine(data.Path, "batch.lua");
        await File.WriteAllTextAsync(singleScript, LocationScripts.Single(drivers));
        await File.WriteAllTextAsync(batchScript, LocationScripts.Batch(trips, fleetKey, BatchSize, DateTimeOffset.UtcNow.AddSeconds(-30)));
        await using var raw = await TestRedis.StartAsync(RedisBackend.Garnet);
        var rawPositions = new RedisPositions(new BenchmarkRedisConnection(raw.Multiplexer), Microsoft.Extensions.Options.Options.Create(new HushRyd.Location.LocationOptions()));

        var singleUrl = server.BaseAddress.ToString();
        await Wrk.RunAsync(singleUrl, null, 10, connections, singleScript);
        await Wrk.RunAsync(singleUrl, null, 10, 8, batchScript);
        await RawAsync(rawPositions, trips, 5);
        var rounds = new List<LocationRound>();
        for (var round = 0; round < roundCount; round++)
        {
            var single = await MeasureAsync(server, client, () => Wrk.RunAsync(singleUrl, null, seconds, connections, singleScript));
            var batch = await MeasureAsync(server, client, () => Wrk.RunAsync(singleUrl, null, seconds, 8, batchScript));
            var rawRate = await RawAsync(rawPositions, trips, seconds);
            rounds.Add(new LocationRound(single.Result, single.LagMs, batch.Result, batch.LagMs, rawRate));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {rounds[^1]}"));
        }

        var report = Report(seconds, connections, tripCount, rounds);
        Console.WriteLine(report);
        await BenchmarkLog.AppendAsync(report);
        return rounds.All(r => r.Single.Non2xx == 0 && r.Batch.Non2xx == 0) ? 0 : 1;
    }

    /// <summary>Each driver signs in and publishes and starts one trip of their own: a principal and a token per trip.</summary>
    private static async Task<List<(string Trip, string Token)>> StartTripsAsync(Uri server, string dataDirectory, string[] phones)
    {
        var drivers = new List<(string Trip, string Token)>(phones.Length);
        foreach (var phone in phones)
        {
            using var driver = await TestLogin.SignedInClientAsync(server, dataDirectory, phone);
            using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), new
            {
                source = new { city = "Bengaluru", lat = 12.9716, lng = 77.5946 },
                destination = new { city = "Mysuru", lat = 12.2958, lng = 76.6394 },
                departureTime = DateTimeOffset.UtcNow.AddHours(1),
                seats = 3,
                fare = 450,
            });
            var id = (await HttpJson.ReadAsync(published.EnsureSuccessStatusCode())).GetProperty("id").GetString()!;
            using var started = await driver.PostAsync(new Uri($"/api/v1/trips/{id}/start", UriKind.Relative), null);
            started.EnsureSuccessStatusCode();
            drivers.Add((id, driver.DefaultRequestHeaders.Authorization!.Parameter!));
        }

        return drivers;
    }

    /// <summary>A premium API key with the fleet scope, as a telematics partner would hold.</summary>
    private static async Task<string> FleetKeyAsync(HttpClient client, string dataDirectory)
    {
        await TestLogin.SignInAsAdminAsync(client, dataDirectory);
        using var created = await client.PostAsJsonAsync(new Uri("/admin/v1/api-keys", UriKind.Relative), new { name = "Benchmark fleet", tier = "premium", scopes = new[] { "fleet" } });
        return (await HttpJson.ReadAsync(created.EnsureSuccessStatusCode())).GetProperty("secret").GetString()!;
    }

    /// <summary>The run's result with the server's CPU per request and the mean history lag of what it committed meanwhile.</summary>
    private static async Task<(WrkResult Result, double LagMs)> MeasureAsync(ServerProcess server, HttpClient client, Func<Task<WrkResult>> run)
    {
        var before = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var cpu = server.ProcessorTime;
        var result = await run();
        var used = server.ProcessorTime - cpu;

        // Let history catch up, then read how long the committed rows waited.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var sum = PrometheusText.Sum(after, "hushryd_location_history_lag", "_sum") - PrometheusText.Sum(before, "hushryd_location_history_lag", "_sum");
        var count = PrometheusText.Sum(after, "hushryd_location_history_lag", "_count") - PrometheusText.Sum(before, "hushryd_location_history_lag", "_count");
        return (result with { CpuMicrosecondsPerRequest = used.TotalMicroseconds / result.Requests }, count > 0 ? sum / count : double.NaN);
    }

    /// <summary>Updates per second written as pipelined batches of 1,000 by two concurrent writers, as the batch endpoint does.</summary>
    private static async Task<double> RawAsync(RedisPositions positions, List<string> trips, int seconds)
    {
        var written = 0L;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(writer => Task.Run(async () =>
        {
            var sequence = 0L;
            while (clock.Elapsed < until)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var batch = Enumerable.Range(0, BatchSize)
                    .Select(i => new PositionUpdate(trips[i % trips.Count], "usr_bench", 12.9 + (i * 0.00001), 77.5, i % 80, null, now + sequence++))
                    .ToArray();
                await positions.WriteAsync(batch);
                Interlocked.Add(ref written, BatchSize);
            }
        })));
        return written / clock.Elapsed.TotalSeconds;
    }

    private static string Report(int seconds, int connections, int trips, List<LocationRound> rounds)
    {
        var median = rounds.OrderBy(r => r.BatchOfRaw).ElementAt(rounds.Count / 2);
        var text = BenchmarkLog.Start(
            "Location updates: single and batch through the server, and the raw Redis limit",
            $"the server (embedded Garnet, SQLite history), wrk and the raw client share them. Release build; {trips} started trips, each by its own signed-in driver (single PUTs carry that driver's token), batches sent with a fleet-scoped premium API key; {rounds.Count} rounds of {seconds} s each: single PUTs (wrk -t2 -c{connections}), batches of {BatchSize} (wrk -t2 -c8), then the raw pipeline (the same newest-wins script and PUBLISH per update, batches of {BatchSize} from two writers into an embedded Garnet in the benchmark process).");
        text.AppendLine("| round | single updates/min | single p50 / p99 | single CPU/req | history lag (single) | batch updates/min | batch p50 / p99 | history lag (batch) | raw pipeline updates/min | batch / raw | non-2xx |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            var label = r == median ? $"{i + 1} (median)" : $"{i + 1}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {r.SinglePerMinute:N0} | {r.Single.P50} / {r.Single.P99} | {r.Single.CpuMicrosecondsPerRequest:N1} µs | {r.SingleLagMs:N0} ms | {r.BatchPerMinute:N0} | {r.Batch.P50} / {r.Batch.P99} | {r.BatchLagMs:N0} ms | {r.RawPerMinute:N0} | {r.BatchOfRaw:P0} | {r.Single.Non2xx + r.Batch.Non2xx} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median round: single {median.SinglePerMinute:N0}/min (target >= 500,000, p99 < 25 ms), batch {median.BatchPerMinute:N0}/min (target >= 2,400,000) = {median.BatchOfRaw:P0} of the raw pipeline (target >= 60 %). History lag: mean time from accepting an update to its history row being committed.");
        return text.ToString();
    }

    private sealed record LocationRound(WrkResult Single, double SingleLagMs, WrkResult Batch, double BatchLagMs, double RawPerSecond)
    {
        public double SinglePerMinute => Single.RequestsPerSecond * 60;

        public double BatchPerMinute => Batch.RequestsPerSecond * BatchSize * 60;

        public double RawPerMinute => RawPerSecond * 60;

        public double BatchOfRaw => BatchPerMinute / RawPerMinute;
    }
}
