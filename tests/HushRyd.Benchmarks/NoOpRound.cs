using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>One turn of each engine at the same no-op jobs, moments apart.</summary>
internal sealed record NoOpRound(EngineRate Redis, EngineRate Bull, EngineRate Sqlite)
{
    public double EnqueueOfBull => Redis.EnqueuePerSecond / Bull.EnqueuePerSecond;

    public double ProcessedOfBull => Redis.ProcessedPerSecond / Bull.ProcessedPerSecond;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Redis {Redis.EnqueuePerSecond:N0} added/s {Redis.ProcessedPerSecond:N0} processed/s, BullMQ {Bull.EnqueuePerSecond:N0} / {Bull.ProcessedPerSecond:N0}, SQLite {Sqlite.EnqueuePerSecond:N0} / {Sqlite.ProcessedPerSecond:N0} (Redis/BullMQ processed {ProcessedOfBull:P0})");
}
