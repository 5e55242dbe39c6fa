using System.Globalization;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// What one realtime server holds per connection: one HushRyd server process, one client process opening the connections
/// (each joined to its trip), then idle for a while so a heap dump can be taken (<c>dotnet-gcdump collect -p PID</c>),
/// then a short round of positions. Prints the server's live heap per connection (after a full collection it is made to
/// do), and its resident memory and heap after its own last GC per connection, idle and under load. Small enough to run
/// beside other work (a few thousand connections); it appends nothing to docs/benchmarks.md.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- realtime-memory [connections hold-seconds]
/// </summary>
public static class RealtimeMemoryBenchmark
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string[] args)
    {
        var rooms = BenchmarkReport.Argument(args, 0, 3_000) / RealtimeLoadPlan.RoomSize;
        var hold = TimeSpan.FromSeconds(BenchmarkReport.Argument(args, 1, 30));
        return await RealtimeLoadSetup.RunHushRydAsync(1, rooms, async (stack, plan, planFile) =>
        {
            var server = stack.Processes[0];
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            var liveBefore = await ServerHeap.AfterFullCollectionAsync(server, http);
            using var phase = await RealtimeLoadPhase.ConnectAsync(stack, plan, planFile, 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase.Ramp.Connected:N0} connections on server process {server.Id}; holding them idle for {hold.TotalSeconds:F0} s"));
            await Task.Delay(hold);
            var idleResident = stack.ServerResidentBytes;
            var idleHeap = await stack.HeapAfterGcBytesAsync();
            var liveAfter = await ServerHeap.AfterFullCollectionAsync(server, http);
            var round = await phase.MeasureAsync((int)(rooms / RealtimeLoadBenchmark.UpdateInterval.TotalSeconds), TimeSpan.FromSeconds(2), Round);
            await phase.StopAsync();
            var perConnection = (double)Math.Max(phase.Ramp.Connected, 1) * 1024;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"per connection: live heap (after a full collection) {(liveAfter - liveBefore) / perConnection:F1} KiB; idle {(idleResident - phase.Ramp.IdleResidentBytes) / perConnection:F1} KiB RSS, {(idleHeap - phase.Ramp.IdleHeapBytes) / perConnection:F1} KiB heap after GC; under load {phase.Ramp.ResidentKiBPerConnection(round):F1} KiB RSS, {phase.Ramp.HeapKiBPerConnection(round):F1} KiB heap after GC; {round.Received:N0} of {round.Expected:N0} delivered, p50 / p95 / p99 {round.Latencies}"));
            return phase.Ramp.Failed == 0 && round.Lost == 0 ? 0 : 1;
        });
    }
}
