using System.Diagnostics;
using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>
/// One side's clients, spread over client processes each on its own loopback address (127.0.0.2, .3, ...): connects them
/// all, then measures rounds of positions at a given rate.
/// </summary>
internal sealed class RealtimeLoadPhase : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly IRealtimeStack _stack;
    private readonly RealtimeLoadPlan _plan;
    private readonly List<LoadClientProcess> _clients;

    private RealtimeLoadPhase(IRealtimeStack stack, RealtimeLoadPlan plan, List<LoadClientProcess> clients, RampFigures ramp)
    {
        _stack = stack;
        _plan = plan;
        _clients = clients;
        Ramp = ramp;
    }

    public RampFigures Ramp { get; }

    public static async Task<RealtimeLoadPhase> ConnectAsync(IRealtimeStack stack, RealtimeLoadPlan plan, string planFile, int clientCount)
    {
        var idleBytes = stack.ServerResidentBytes;
        var idleHeap = await stack.HeapAfterGcBytesAsync();
        var cpu = stack.ServerCpu;
        var clock = Stopwatch.StartNew();
        var share = plan.Connections / clientCount;
        var clients = Enumerable.Range(0, clientCount)
            .Select(k => stack.StartClient(planFile, k * share, k == clientCount - 1 ? plan.Connections - (k * share) : share, $"127.0.0.{k + 2}"))
            .ToList();
        var connected = 0;
        foreach (var client in clients)
        {
            connected += await client.ReadyAsync();
        }

        var ramp = new RampFigures(connected, plan.Connections - connected, connected / clock.Elapsed.TotalSeconds, (stack.ServerCpu - cpu).TotalMicroseconds / Math.Max(connected, 1), idleBytes, idleHeap);
        return new RealtimeLoadPhase(stack, plan, clients, ramp);
    }

    /// <summary><paramref name="warmUp"/> of positions at <paramref name="perSecond"/>, then <paramref name="duration"/> of them measured.</summary>
    public async Task<RoundFigures> MeasureAsync(int perSecond, TimeSpan warmUp, TimeSpan duration)
    {
        await _stack.PublishAsync(_plan, perSecond, warmUp);

        // Timestamps are whole milliseconds: the round counts from the first one after the warm-up's last.
        var from = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1;
        _clients.ForEach(c => c.Measure(from));
        await Task.Delay(TimeSpan.FromMilliseconds(2));
        var cpu = _stack.ServerCpu;
        var clientCpu = ClientCpu;
        var clock = Stopwatch.StartNew();
        var sent = await _stack.PublishAsync(_plan, perSecond, duration);
        var loadedBytes = _stack.ServerResidentBytes;
        var heapBytes = await _stack.HeapAfterGcBytesAsync();
        await Task.Delay(Settle);
        var used = _stack.ServerCpu - cpu;
        var clientsUsed = ClientCpu - clientCpu;
        var elapsed = clock.Elapsed;
        var reports = new List<RealtimeLoadReport>();
        foreach (var client in _clients)
        {
            reports.Add(await client.ReportAsync());
        }

        var buckets = new long[LatencyCounts.Buckets];
        foreach (var report in reports)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] += report.LatencyBuckets[i];
            }
        }

        // Trips get positions in turn, so each connected member expects sent / rooms of them.
        var expected = sent * reports.Sum(r => r.Connected) / _plan.TripIds.Length;
        var received = reports.Sum(r => r.Received);
        return new RoundFigures(perSecond, sent, expected, received, used.TotalMicroseconds / Math.Max(received, 1), used / elapsed, clientsUsed / elapsed, loadedBytes, heapBytes, Percentile(buckets, 0.50), Percentile(buckets, 0.95), Percentile(buckets, 0.99));
    }

    public async Task StopAsync()
    {
        foreach (var client in _clients)
        {
            await client.StopAsync();
        }
    }

    public void Dispose() => _clients.ForEach(c => c.Dispose());

    private TimeSpan ClientCpu => _clients.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.ProcessorTime);

    private static long Percentile(long[] buckets, double p)
    {
        var total = buckets.Sum();
        var wanted = (long)Math.Ceiling(total * p);
        long seen = 0;
        for (var i = 0; i < buckets.Length && total > 0; i++)
        {
            seen += buckets[i];
            if (seen >= wanted)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>How connecting went: connections made and refused, per second, server CPU per accepted one, servers' memory before it.</summary>
internal sealed record RampFigures(int Connected, int Failed, double PerSecond, double CpuMicrosecondsPerConnection, long IdleResidentBytes, long IdleHeapBytes)
{
    /// <summary>What the servers' resident memory grew by per connection, from before the clients came to <paramref name="round"/>.</summary>
    public double ResidentKiBPerConnection(RoundFigures round) => (round.LoadedResidentBytes - IdleResidentBytes) / 1024.0 / Math.Max(Connected, 1);

    /// <summary>What the servers' heaps after a collection grew by per connection.</summary>
    public double HeapKiBPerConnection(RoundFigures round) => (round.HeapAfterGcBytes - IdleHeapBytes) / 1024.0 / Math.Max(Connected, 1);
}

/// <summary>
/// One measured round of positions at a rate: what was sent, expected and received, server cost, the cores servers and
/// clients used meanwhile (the clients share the machine with the servers they measure) and latency percentiles.
/// </summary>
internal sealed record RoundFigures(
    int PerSecond, long Sent, long Expected, long Received, double CpuMicrosecondsPerDelivery, double ServerCores, double ClientCores, long LoadedResidentBytes, long HeapAfterGcBytes, long P50, long P95, long P99)
{
    public long Lost => Math.Max(Expected - Received, 0);

    public string Latencies => string.Create(CultureInfo.InvariantCulture, $"{P50} / {P95} / {P99} ms");
}
