using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HushRyd.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>
/// ADR 0008's measurement: a room broadcast across two SignalR nodes through the seed's own Redis channel (each node
/// subscribed to the rooms it has members in, delivering locally) against SignalR's Redis backplane (a hub context on
/// one node sends to the group). Same redis-server, clients, rooms of 10 spread over both nodes, and rate; the modes
/// take turns. Everything but redis-server runs in this process, so CPU per delivery includes the clients' share,
/// which is the same in both modes.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- realtime-fanout [connections broadcasts-per-second seconds rounds]
/// </summary>
public static class RealtimeFanOutBenchmark
{
    private const int RoomSize = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = GatewayBenchmark.Argument(args, 0, 400);
        var rate = GatewayBenchmark.Argument(args, 1, 400);
        var seconds = GatewayBenchmark.Argument(args, 2, 10);
        var rounds = GatewayBenchmark.Argument(args, 3, 2);
        await using var redis = await TestRedis.StartAsync(RedisBackend.RedisServer);
        var results = new List<FanOutResult>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var mode in new[] { FanOutMode.Channel, FanOutMode.Backplane })
            {
                results.Add(await MeasureAsync(mode, redis, connections, rate, seconds));
                Console.WriteLine(results[^1]);
            }
        }

        var report = Report(connections, rate, seconds, results);
        Console.WriteLine(report);
        await GatewayBenchmark.AppendAsync(report);
        return results.All(r => r.Lost == 0) ? 0 : 1;
    }

    private static async Task<FanOutResult> MeasureAsync(FanOutMode mode, TestRedis redis, int connections, int rate, int seconds)
    {
        await using var a = await FanOutNode.StartAsync(mode, redis.ConnectionString);
        await using var b = await FanOutNode.StartAsync(mode, redis.ConnectionString);
        var latencies = new List<double>(rate * RoomSize * (seconds + 3));
        var measuredSince = long.MaxValue;
        var clients = new List<HubConnection>();
        var rooms = connections / RoomSize;
        for (var i = 0; i < rooms * RoomSize; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri((i % 2 == 0 ? a : b).BaseAddress, "/hub"), o =>
                {
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<JsonElement>("location", e =>
            {
                var sentAt = e.GetProperty("sentAt").GetInt64();
                var latency = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
                if (sentAt >= Volatile.Read(ref measuredSince))
                {
                    lock (latencies)
                    {
                        latencies.Add(latency);
                    }
                }
            });
            await connection.StartAsync();
            await connection.InvokeAsync("Join", $"trip:bench{i / RoomSize}");
            clients.Add(connection);
        }

        var publish = a.Publisher(redis.Multiplexer);
        await LoadAsync(publish, rooms, rate, 3);
        Volatile.Write(ref measuredSince, Stopwatch.GetTimestamp());
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sent = await LoadAsync(publish, rooms, rate, seconds);
        await Task.Delay(1000);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        double[] sorted;
        lock (latencies)
        {
            sorted = [.. latencies.Order()];
        }

        var expected = (long)sent * RoomSize;
        return new FanOutResult(mode, expected, expected - sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), Percentile(sorted, 0.99), cpu.TotalMicroseconds / Math.Max(sorted.Length, 1));
    }

    /// <summary>Broadcasts in 100 ms ticks, each room in turn, for the given seconds; returns how many were sent.</summary>
    private static async Task<int> LoadAsync(Func<string, Task> publish, int rooms, int rate, int seconds)
    {
        var perTick = Math.Max(rate / 10, 1);
        var sent = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        for (var tick = 0; tick < seconds * 10; tick++)
        {
            await timer.WaitForNextTickAsync();
            var sends = new Task[perTick];
            for (var i = 0; i < perTick; i++)
            {
                sends[i] = publish($"trip:bench{sent++ % rooms}");
            }

            await Task.WhenAll(sends);
        }

        return sent;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min((int)(sorted.Length * p), sorted.Length - 1)];

    private static string Report(int connections, int rate, int seconds, List<FanOutResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Realtime fan-out: seed channels vs SignalR Redis backplane ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; shared with other builds. Two SignalR nodes and {connections} WebSocket clients in this process, redis-server beside it; rooms of {RoomSize} spread over both nodes; {rate} room broadcasts/s in 100 ms ticks for {seconds} s after 3 s of warm-up; the modes take turns.");
        text.AppendLine();
        text.AppendLine("| mode | deliveries | lost | p50 | p95 | p99 | CPU per delivery (nodes + clients) |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Mode} | {r.Expected:N0} | {r.Lost:N0} | {r.P50:F1} ms | {r.P95:F1} ms | {r.P99:F1} ms | {r.CpuMicrosecondsPerDelivery:F1} µs |");
        }

        return text.ToString();
    }
}

internal enum FanOutMode
{
    /// <summary>Publish on trip:{id}; every node subscribed to it sends to its local group.</summary>
    Channel,

    /// <summary>IHubContext on one node sends to the group; the backplane carries it to the others.</summary>
    Backplane,
}

internal sealed record FanOutResult(FanOutMode Mode, long Expected, long Lost, double P50, double P95, double P99, double CpuMicrosecondsPerDelivery)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mode}: {Expected:N0} deliveries, {Lost} lost, p50 {P50:F1} ms, p99 {P99:F1} ms, {CpuMicrosecondsPerDelivery:F1} µs CPU each");
}
