using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>Critical jobs added while a backlog drained: their latency in milliseconds, and how much of the backlog ended meanwhile.</summary>
internal sealed record CriticalLatency(int Count, double P50, double P99, double Max, long BacklogEnded, int Backlog)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} critical jobs, p50 {P50:N1} ms, p99 {P99:N1} ms, max {Max:N1} ms; {BacklogEnded:N0} of {Backlog:N0} normal jobs ended meanwhile");
}
