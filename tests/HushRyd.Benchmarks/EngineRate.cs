namespace HushRyd.Benchmarks;

/// <summary>One engine's no-op jobs: added per second (workers held back), then processed per second.</summary>
internal sealed record EngineRate(double EnqueuePerSecond, double ProcessedPerSecond);
