using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>The SOS load run as a section of docs/benchmarks.md.</summary>
internal static class SosLoadReport
{
    public static string Format(int seconds, int rate, int connections, SosLoadResult result, WrkResult? location, WrkResult? gateway, double serverCpuCores, SosFirstAlert first, SosHops hops)
    {
        var text = BenchmarkLog.Start(
            "SOS under load: trigger to stored, trigger to first notification",
            $"the server (embedded Garnet, SQLite stores, the embedded workflow sidecar), wrk and the benchmark share them. Release build; {rate} SOS/s for {seconds} s, each from its own signed-in passenger on a started trip with one trusted contact, {(connections > 0 ? $"while wrk -t2 -c{connections} sends single location updates (each trip's own driver) and wrk -t2 -c{connections} the gateway's authenticated call, both against the same server" : "with no other load")}; 16 alerts first as warm-up, not counted.");
        text.AppendLine("| SOS sent | 201 | trigger→201 p50 / p99 / max | trigger→first notification p50 / p99 / max | workflows completed (per s) | lost | location updates/s (p99) | gateway req/s (p99) | server CPU |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {result.Triggered} | {result.Created} | {Ms(result.PersistedMs, 50)} / {Ms(result.PersistedMs, 99)} / {Ms(result.PersistedMs, 100)} | {Ms(result.FirstDispatchMs, 50)} / {Ms(result.FirstDispatchMs, 99)} / {Ms(result.FirstDispatchMs, 100)} | {result.Completed} ({result.CompletedPerSecond:N1}/s) | {result.Lost} | {Load(location)} | {Load(gateway)} | {serverCpuCores:N2} cores |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Lost: {result.Lost} of {result.Created} answered 201 ({result.LostDetail}). Targets: trigger→201 p99 < 50 ms, trigger→first notification p99 < 250 ms, none lost.");
        text.AppendLine(hops.Describe());
        text.AppendLine(CultureInfo.InvariantCulture, $"The first SOS since the server started (the first warm-up alert, after the sign-ins and trip set-up, with no other load): trigger→201 {first.PersistedMs:N0} ms, trigger→first notification {(first.FirstDispatchMs is { } ms ? $"{ms:N0} ms" : "none seen")}.");
        text.AppendLine("First notification: the earliest of the contact's SMS, the contact's push and the desk's email, timed by the dev outbox as it wrote the line (same clock as the benchmark's send time). Workflows complete after the desk resolves each alert once all three are out, so their rate follows the trigger rate; it shows the workflows keep up, not their ceiling. The dev outbox is a local file: a real SMS provider's own latency is not in these figures.");
        return text.ToString();
    }

    private static string Load(WrkResult? load) =>
        load is null ? "none" : string.Create(CultureInfo.InvariantCulture, $"{load.RequestsPerSecond:N0} ({load.P99}, {load.Non2xx} non-2xx)");

    private static string Ms(IReadOnlyList<double> values, double percentile) =>
        string.Create(CultureInfo.InvariantCulture, $"{SosLoadResult.Percentile(values, percentile):N0} ms");
}
