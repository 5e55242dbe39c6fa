using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>
/// The knee, HushRyd and socket.io side by side in one run: with the same connections, rooms and clients as
/// <see cref="RealtimeLoadBenchmark"/>, rounds of rising broadcast rates until p99 reaches 150 ms or a delivery is lost;
/// the knee is the highest rate before that.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- realtime-knee [connections servers client-processes seconds-per-rate]
/// </summary>
public static class RealtimeKneeBenchmark
{
    private const long P99Bar = 150;
    private static readonly int[] Rates = [250, 500, 750, 1_000, 1_250, 2_500, 5_000, 7_500, 10_000, 15_000, 20_000];
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var rooms = BenchmarkReport.Argument(args, 0, 50_000) / RealtimeLoadPlan.RoomSize;
        var serverCount = BenchmarkReport.Argument(args, 1, 7);
        var clientCount = BenchmarkReport.Argument(args, 2, 4);
        var seconds = TimeSpan.FromSeconds(BenchmarkReport.Argument(args, 3, 10));
        var (plan, sides) = await RealtimeLoadSetup.RunBothSidesAsync(serverCount, rooms, (stack, sidePlan, planFile) => ClimbAsync(stack, sidePlan, planFile, clientCount, seconds));

        var text = BenchmarkLog.Start(
            string.Create(CultureInfo.InvariantCulture, $"Realtime knee at {plan.Connections:N0} connections, HushRyd and socket.io side by side"),
            string.Create(CultureInfo.InvariantCulture, $"Release build; the realtime-load set-up ({serverCount} server processes per side on one redis-server, {clientCount} client processes, rooms of {RealtimeLoadPlan.RoomSize} across servers); each rate gets {WarmUp.TotalSeconds:F0} s of warm-up then {seconds.TotalSeconds:F0} s measured, rising until p99 reaches {P99Bar} ms or a delivery is lost."));
        text.AppendLine("| side | broadcasts/s | deliveries/s | received of expected | lost | server CPU per delivery | server RSS / heap after GC per connection | p50 / p95 / p99 |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (stack, ramp, rounds) in sides)
        {
            foreach (var round in rounds)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {stack} | {round.PerSecond:N0} | {round.PerSecond * RealtimeLoadPlan.RoomSize:N0} | {round.Received:N0} of {round.Expected:N0} | {round.Lost:N0} | {round.CpuMicrosecondsPerDelivery:F1} µs | {ramp.ResidentKiBPerConnection(round):F1} / {ramp.HeapKiBPerConnection(round):F1} KiB | {round.Latencies} |");
            }
        }

        text.AppendLine();
        foreach (var (stack, ramp, rounds) in sides)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{stack}: {ramp.Connected:N0} connected ({ramp.Failed:N0} failed) at {ramp.PerSecond:N0}/s, {ramp.CpuMicrosecondsPerConnection:N0} µs of server CPU per accepted connection.");
            var knee = rounds.Where(Holds).Select(r => r.PerSecond).DefaultIfEmpty(0).Max();
            text.AppendLine(CultureInfo.InvariantCulture, $"Knee of {stack}: {knee:N0} broadcasts/s ({knee * RealtimeLoadPlan.RoomSize:N0} deliveries/s) with p99 under {P99Bar} ms and nothing lost.");
        }

        Console.WriteLine(text);
        await BenchmarkLog.AppendAsync(text.ToString());
        return 0;
    }

    private static bool Holds(RoundFigures round) => round.P99 is >= 0 and < P99Bar && round.Lost == 0;

    private static async Task<(string Stack, RampFigures Ramp, List<RoundFigures> Rounds)> ClimbAsync(IRealtimeStack stack, RealtimeLoadPlan plan, string planFile, int clients, TimeSpan seconds)
    {
        using var phase = await RealtimeLoadPhase.ConnectAsync(stack, plan, planFile, clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stack.Name}: {phase.Ramp}"));
        var rounds = new List<RoundFigures>();
        foreach (var rate in Rates)
        {
            rounds.Add(await phase.MeasureAsync(rate, WarmUp, seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stack.Name}: {rounds[^1]}"));
            if (!Holds(rounds[^1]))
            {
                break;
            }
        }

        await phase.StopAsync();
        return (stack.Name, phase.Ramp, rounds);
    }
}
