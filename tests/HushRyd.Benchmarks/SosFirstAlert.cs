namespace HushRyd.Benchmarks;

/// <summary>The first SOS a freshly started server handled: what a rider right after a deploy would see.</summary>
internal sealed record SosFirstAlert(double PersistedMs, double? FirstDispatchMs);
