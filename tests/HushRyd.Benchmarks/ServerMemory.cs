using System.Globalization;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// The server's memory at one moment: resident set, the managed heap as of the last GC without the pinned heap, the
/// pinned heap, where embedded Garnet keeps its log pages (bounded by Redis:EmbeddedMemory), and what the GC had
/// committed at its last collection, live or not: the part of the resident set the GC, not the heap's content, decides.
/// </summary>
public sealed record ServerMemory(long WorkingSet, long ManagedHeap, long PinnedHeap, long GcCommitted)
{
    private const string HeapSize = "dotnet_gc_last_collection_heap_size_bytes";
    private const string Committed = "dotnet_gc_last_collection_memory_committed_size_bytes";

    public static async Task<ServerMemory> ReadAsync(ServerProcess server, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var pinned = Generation(page, "poh");
        return new ServerMemory(server.WorkingSetBytes, (long)PrometheusText.Sum(page, HeapSize, HeapSize) - pinned, pinned, (long)PrometheusText.Sum(page, Committed, Committed));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mib(WorkingSet)} ({Mib(ManagedHeap)} heap, {Mib(PinnedHeap)} pinned, {Mib(GcCommitted)} GC-committed)");

    public static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MiB");

    private static long Generation(string page, string generation) =>
        (long)page.Split('\n')
            .Where(line => line.StartsWith(HeapSize, StringComparison.Ordinal) && line.Contains($"gc_heap_generation=\"{generation}\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture));
}
