using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>
/// The load: several server processes sharing one redis-server (one process holds at most ~18,000 WebSockets
/// under the 20,000 open-file limit), client processes on their own loopback addresses, rooms of 10 whose members sit
/// on different servers, and a position per room every 4 s published on trip:{id} as the Location module does.
/// Reports connect rate, server memory and CPU per connection, CPU per delivery, latency p50/p95/p99 and losses.
/// Heavy: at 100,000 connections it takes the whole machine for minutes. Not measured here: socket.io side by side, the knee.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- realtime-load [connections servers client-processes seconds]
/// </summary>
public static class RealtimeLoadBenchmark
{
    private const int PassengersPerTrip = RealtimeLoadPlan.RoomSize - 2;
    private static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(4);

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = BenchmarkReport.Argument(args, 0, 100_000) / RealtimeLoadPlan.RoomSize * RealtimeLoadPlan.RoomSize;
        var serverCount = BenchmarkReport.Argument(args, 1, 7);
        var clientCount = BenchmarkReport.Argument(args, 2, 8);
        var seconds = BenchmarkReport.Argument(args, 3, 60);
        using var data = new TempDirectory();
        await using var redis = await TestRedis.StartAsync(RedisBackend.RedisServer);
        var servers = await StartServersAsync(data.Path, redis.ConnectionString, serverCount);
        try
        {
            var plan = await PrepareAsync(servers, data.Path, connections / RealtimeLoadPlan.RoomSize);
            var planFile = Path.Combine(data.Path, "realtime-load-plan.json");
            await File.WriteAllTextAsync(planFile, JsonSerializer.Serialize(plan));
            var idleBytes = servers.Sum(s => s.WorkingSetBytes);
            var cpuBeforeRamp = ServerCpu(servers);
            var ramp = Stopwatch.StartNew();
            var clients = Enumerable.Range(0, clientCount).Select(k => StartClient(planFile, k, clientCount, connections)).ToList();
            var connected = 0;
            foreach (var client in clients)
            {
                connected += await client.ReadyAsync();
            }

            var rampSeconds = ramp.Elapsed.TotalSeconds;
            var cpuPerConnection = (ServerCpu(servers) - cpuBeforeRamp).TotalMicroseconds / Math.Max(connected, 1);

            var publisher = redis.Multiplexer.GetSubscriber();
            await PublishAsync(publisher, plan, TimeSpan.FromSeconds(5));
            var measureFrom = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            clients.ForEach(c => c.Send($"MEASURE {measureFrom.ToString(CultureInfo.InvariantCulture)}"));
            var cpuBefore = ServerCpu(servers);
            var sent = await PublishAsync(publisher, plan, TimeSpan.FromSeconds(seconds));
            var loadedBytes = servers.Sum(s => s.WorkingSetBytes);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var cpu = ServerCpu(servers) - cpuBefore;
            var reports = new List<RealtimeLoadReport>();
            foreach (var client in clients)
            {
                client.Send("STOP");
                reports.Add(await client.ReportAsync());
            }

            var result = Summarize(connections, serverCount, clientCount, seconds, connected, rampSeconds, idleBytes, loadedBytes, cpuPerConnection, cpu, sent, reports);
            Console.WriteLine(result);
            await BenchmarkLog.AppendAsync(result);
            return reports.Sum(r => r.Failed) == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<List<ServerProcess>> StartServersAsync(string dataDirectory, string redis, int count)
    {
        var environment = new Dictionary<string, string> { ["Redis__ConnectionString"] = redis, ["Logging__LogLevel__Default"] = "Error" };
        var first = ServerProcess.Start(dataDirectory, environment);
        (await first.WaitUntilReadyAsync()).Dispose();
        var rest = Enumerable.Range(1, count - 1).Select(_ => ServerProcess.Start(dataDirectory, environment)).ToList();
        foreach (var server in rest)
        {
            (await server.WaitUntilReadyAsync(TimeSpan.FromMinutes(2))).Dispose();
        }

        return [first, .. rest];
    }

    /// <summary>One driver, eight passengers and an admin sign in; the driver publishes a trip per room and each passenger books a seat on each.</summary>
    private static async Task<RealtimeLoadPlan> PrepareAsync(List<ServerProcess> servers, string dataDirectory, int rooms)
    {
        using var driver = await TestLogin.SignedInClientAsync(servers[0].BaseAddress, dataDirectory, TestLogin.DriverPhones[0]);
        var passengers = new List<HttpClient>();
        for (var i = 0; i < PassengersPerTrip; i++)
        {
            passengers.Add(await TestLogin.SignedInClientAsync(servers[0].BaseAddress, dataDirectory, $"+9198123500{i:D2}"));
        }

        using var admin = await TestLogin.SignedInClientAsync(servers[0].BaseAddress, dataDirectory, TestLogin.AdminPhone);
        var trips = new string[rooms];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, rooms).Select(async r =>
        {
            await gate.WaitAsync();
            try
            {
                using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), new
                {
                    source = new { city = "Bengaluru", lat = 12.9716, lng = 77.5946 },
                    destination = new { city = "Mysuru", lat = 12.2958, lng = 76.6394 },
                    departureTime = DateTimeOffset.UtcNow.AddHours(2),
                    seats = PassengersPerTrip,
                    fare = 450,
                });
                trips[r] = (await HttpJson.ReadAsync(published.EnsureSuccessStatusCode())).GetProperty("id").GetString()!;
                foreach (var passenger in passengers)
                {
                    using var booked = await passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{trips[r]}/bookings", UriKind.Relative), new { seats = 1 });
                    booked.EnsureSuccessStatusCode();
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        string[] tokens = [Token(driver), .. passengers.Select(Token), Token(admin)];
        passengers.ForEach(p => p.Dispose());
        return new RealtimeLoadPlan([.. servers.Select(s => s.BaseAddress.ToString())], trips, tokens);
    }

    private static string Token(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>Every room gets a position every 4 s, spread over 100 ms ticks as phones report; returns how many were sent.</summary>
    private static async Task<long> PublishAsync(ISubscriber publisher, RealtimeLoadPlan plan, TimeSpan duration)
    {
        var ticks = (int)(duration.TotalMilliseconds / 100);
        var perTick = Math.Max(plan.TripIds.Length / (int)(UpdateInterval.TotalMilliseconds / 100), 1);
        var next = 0;
        long sent = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var tick = 0; tick < ticks; tick++)
        {
            await timer.WaitForNextTickAsync();
            for (var i = 0; i < perTick; i++)
            {
                var trip = plan.TripIds[next++ % plan.TripIds.Length];
                var payload = JsonSerializer.Serialize(new { tripId = trip, lat = 12.9, lng = 77.5, speed = 40.0, heading = 90.0, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), driverId = "load" });
                publisher.Publish(RedisChannel.Literal("trip:" + trip), payload, CommandFlags.FireAndForget);
                sent++;
            }
        }

        return sent;
    }

    private static TimeSpan ServerCpu(List<ServerProcess> servers) => servers.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessorTime);

    private static LoadClientProcess StartClient(string planFile, int index, int count, int connections)
    {
        var share = connections / count;
        var first = index * share;
        var size = index == count - 1 ? connections - first : share;
        return LoadClientProcess.Start([planFile, first.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture), $"127.0.0.{index + 2}"]);
    }

    private static string Summarize(
        int connections, int servers, int clients, int seconds, int connected, double rampSeconds, long idleBytes, long loadedBytes,
        double cpuPerConnection, TimeSpan cpu, long sent, List<RealtimeLoadReport> reports)
    {
        var buckets = new long[reports[0].LatencyBuckets.Length];
        foreach (var report in reports)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] += report.LatencyBuckets[i];
            }
        }

        var received = reports.Sum(r => r.Received);
        var expected = sent * RealtimeLoadPlan.RoomSize;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Realtime load: {connections:N0} connections on {servers} server processes ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}. {clients} client processes on 127.0.0.2–{clients + 1}, rooms of {RealtimeLoadPlan.RoomSize} across servers, a position per room every {UpdateInterval.TotalSeconds:F0} s for {seconds} s (after 5 s of warm-up), published on trip:{{id}} in redis-server.");
        text.AppendLine();
        text.AppendLine("| connected | failed | connect rate | server memory per connection (RSS, under load) | server CPU per accepted connection | server CPU per delivery | deliveries | lost | p50 | p95 | p99 |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {connected:N0} | {reports.Sum(r => r.Failed):N0} | {connected / rampSeconds:N0}/s | {(loadedBytes - idleBytes) / 1024.0 / Math.Max(connected, 1):F1} KiB | {cpuPerConnection:F0} µs | {cpu.TotalMicroseconds / Math.Max(received, 1):F1} µs | {received:N0} | {Math.Max(expected - received, 0):N0} | {Percentile(buckets, 0.50)} ms | {Percentile(buckets, 0.95)} ms | {Percentile(buckets, 0.99)} ms |");
        return text.ToString();
    }

    private static long Percentile(long[] buckets, double p)
    {
        var total = buckets.Sum();
        var wanted = (long)Math.Ceiling(total * p);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= wanted && total > 0)
            {
                return i;
            }
        }

        return -1;
    }
}
