using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace HushRyd.Testing;

/// <summary>
/// What a server process's managed heap holds: a full blocking collection is induced in it over the diagnostics port
/// (as dotnet-gcdump does), then its heap size after that collection is read from /metrics, the pinned heap left out
/// (embedded Garnet keeps its log pages there). Unlike the resident set, this does not move with garbage not yet collected.
/// </summary>
public static class ServerHeap
{
    private const string Runtime = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;
    private const string HeapSize = "dotnet_gc_last_collection_heap_size_bytes";
    private const string Collections = "dotnet_gc_collections_total";

    public static async Task<long> AfterFullCollectionAsync(ServerProcess server, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        var before = Metric(await MetricsAsync(client), Collections, "gen2");
        var diagnostics = new DiagnosticsClient(server.Id);
        using (var session = await diagnostics.StartEventPipeSessionAsync(
            [new EventPipeProvider(Runtime, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword)], requestRundown: false, circularBufferMB: 16, CancellationToken.None))
        {
            var drained = session.EventStream.CopyToAsync(Stream.Null);
            var collected = await Eventually.HoldsAsync(async () => Metric(await MetricsAsync(client), Collections, "gen2") > before, TimeSpan.FromSeconds(10));
            await session.StopAsync(CancellationToken.None);
            await drained;
            if (!collected)
            {
                throw new TimeoutException("The server did not collect its heap within 10 s of being asked to.");
            }
        }

        var page = await MetricsAsync(client);
        return (long)(Metric(page, HeapSize, null) - Metric(page, HeapSize, "poh"));
    }

    private static Task<string> MetricsAsync(HttpClient client) => client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    /// <summary>The sum of a metric's samples, or of the one generation's when <paramref name="generation"/> is given.</summary>
    private static double Metric(string page, string name, string? generation) =>
        page.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => generation is null || line.Contains($"gc_heap_generation=\"{generation}\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture));
}
