namespace HushRyd.Benchmarks;

/// <summary>One side of the realtime load: its server processes, its client program and how a position reaches a room.</summary>
internal interface IRealtimeStack : IAsyncDisposable
{
    string Name { get; }

    IReadOnlyList<string> Servers { get; }

    /// <summary>CPU time all server processes have used so far.</summary>
    TimeSpan ServerCpu { get; }

    /// <summary>Resident memory of all server processes now.</summary>
    long ServerResidentBytes { get; }

    /// <summary>The servers' managed heaps right after their last garbage collection, summed.</summary>
    Task<long> HeapAfterGcBytesAsync();

    LoadClientProcess StartClient(string planFile, int first, int count, string sourceAddress);

    /// <summary>Sends each trip of the plan a position in turn, <paramref name="perSecond"/> in all; returns how many went out.</summary>
    Task<long> PublishAsync(RealtimeLoadPlan plan, int perSecond, TimeSpan duration);
}
