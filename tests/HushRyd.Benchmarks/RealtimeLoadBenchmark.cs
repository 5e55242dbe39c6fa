using System.Globalization;
using System.Text;

namespace HushRyd.Benchmarks;

/// <summary>
/// The load, HushRyd and socket.io side by side in one run: several server processes per side sharing one
/// redis-server (one process holds at most ~18,000 WebSockets under the 20,000 open-file limit), client processes on their
/// own loopback addresses, rooms of 10 whose members sit on different servers, a position per room every 4 s.
/// Reports connect rate, server memory and CPU per connection, CPU per delivery, latency p50/p95/p99 and losses.
/// Heavy: at 100,000 connections it takes the whole machine for minutes; run it under flock /work/notes/bench.lock.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- realtime-load [connections servers client-processes seconds [hushryd]]
/// With <c>hushryd</c> last, HushRyd's side runs alone and nothing is appended: for profiling a server under the load.
/// Its clients skip negotiation, which takes them to the lean WebSocket path; with HUSHRYD_LOAD_NEGOTIATE=1 in the
/// environment they negotiate first and get SignalR's own path, to compare the two.
/// </summary>
public static class RealtimeLoadBenchmark
{
    /// <summary>Each room gets a position this often, the app's cadence.</summary>
    internal static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var rooms = BenchmarkReport.Argument(args, 0, 100_000) / RealtimeLoadPlan.RoomSize;
        var serverCount = BenchmarkReport.Argument(args, 1, 7);
        var clientCount = BenchmarkReport.Argument(args, 2, 8);
        var seconds = TimeSpan.FromSeconds(BenchmarkReport.Argument(args, 3, 60));
        var perSecond = (int)(rooms / UpdateInterval.TotalSeconds);
        if (args.Length > 4 && args[4] == "hushryd")
        {
            var alone = await RealtimeLoadSetup.RunHushRydAsync(serverCount, rooms, (stack, sidePlan, planFile) => MeasureAsync(stack, sidePlan, planFile, clientCount, perSecond, seconds));
            Console.WriteLine(Report(rooms * RealtimeLoadPlan.RoomSize, serverCount, clientCount, perSecond, seconds, [alone]));
            return alone.Ramp.Failed == 0 && alone.Round.Lost == 0 ? 0 : 1;
        }

        var (plan, rows) = await RealtimeLoadSetup.RunBothSidesAsync(serverCount, rooms, (stack, sidePlan, planFile) => MeasureAsync(stack, sidePlan, planFile, clientCount, perSecond, seconds));
        var report = Report(plan.Connections, serverCount, clientCount, perSecond, seconds, rows);
        Console.WriteLine(report);
        await BenchmarkLog.AppendAsync(report);
        return rows.All(r => r.Ramp.Failed == 0 && r.Round.Lost == 0) ? 0 : 1;
    }

    private static async Task<(string Stack, RampFigures Ramp, RoundFigures Round)> MeasureAsync(IRealtimeStack stack, RealtimeLoadPlan plan, string planFile, int clients, int perSecond, TimeSpan seconds)
    {
        using var phase = await RealtimeLoadPhase.ConnectAsync(stack, plan, planFile, clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stack.Name}: {phase.Ramp}"));
        var round = await phase.MeasureAsync(perSecond, WarmUp, seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stack.Name}: {round}"));
        await phase.StopAsync();
        return (stack.Name, phase.Ramp, round);
    }

    private static string Report(int connections, int servers, int clients, int perSecond, TimeSpan seconds, List<(string Stack, RampFigures Ramp, RoundFigures Round)> rows)
    {
        var text = BenchmarkLog.Start(
            string.Create(CultureInfo.InvariantCulture, $"Realtime load: {connections:N0} connections, HushRyd and socket.io side by side"),
            string.Create(CultureInfo.InvariantCulture, $"Release build; per side {servers} server processes on one redis-server and {clients} client processes on 127.0.0.2–{clients + 1}, one side after the other in one run. {connections / RealtimeLoadPlan.RoomSize:N0} rooms of {RealtimeLoadPlan.RoomSize} (a driver, eight passengers and an admin who follows ten trips: {connections / RealtimeLoadPlan.RoomSize * 9 + (connections / RealtimeLoadPlan.RoomSize + 9) / 10:N0} distinct signed-in users, tokens issued by the gateway's TokenService with the servers' configured signing key, sessions in Redis), member k on server k mod {servers}; a position per room every {UpdateInterval.TotalSeconds:F0} s ({perSecond:N0} broadcasts/s, {perSecond * RealtimeLoadPlan.RoomSize:N0} deliveries/s), {WarmUp.TotalSeconds:F0} s of warm-up then {seconds.TotalSeconds:F0} s measured. HushRyd: positions published on trip:{{id}} as the Location module does; socket.io: emitted to the room by a socket-less socket.io server through the Redis adapter. Latency: from the publisher's timestamp to the client's handler, whole ms."));
        text.AppendLine("| side | connected | failed | connect rate | server CPU per accepted connection | server RSS per connection (under load) | server heap after GC per connection | server CPU per delivery | deliveries | lost | p50 / p95 / p99 |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (stack, ramp, round) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {stack} | {ramp.Connected:N0} | {ramp.Failed:N0} | {ramp.PerSecond:N0}/s | {ramp.CpuMicrosecondsPerConnection:N0} µs | {ramp.ResidentKiBPerConnection(round):F1} KiB | {ramp.HeapKiBPerConnection(round):F1} KiB | {round.CpuMicrosecondsPerDelivery:F1} µs | {round.Received:N0} of {round.Expected:N0} | {round.Lost:N0} | {round.Latencies} |");
        }

        return text.ToString();
    }
}
