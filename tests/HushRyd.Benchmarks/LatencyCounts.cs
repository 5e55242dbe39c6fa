namespace HushRyd.Benchmarks;

/// <summary>Deliveries counted since a moment, by lateness in whole milliseconds (the last bucket holds everything later).</summary>
internal sealed class LatencyCounts(long fromUnixMs)
{
    public const int Buckets = 10_000;

    private readonly long[] _buckets = new long[Buckets];
    private long _received;

    public static LatencyCounts None { get; } = new(long.MaxValue);

    public long Received => Interlocked.Read(ref _received);

    public long[] Snapshot => [.. _buckets];

    /// <summary>Counts a message sent at <paramref name="sentUnixMs"/> if it was sent since the moment; older ones are ignored.</summary>
    public void Add(long sentUnixMs, long nowUnixMs)
    {
        if (sentUnixMs < fromUnixMs)
        {
            return;
        }

        Interlocked.Increment(ref _buckets[Math.Clamp(nowUnixMs - sentUnixMs, 0, Buckets - 1)]);
        Interlocked.Increment(ref _received);
    }
}
