using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>One run of each of the three, moments apart.</summary>
public sealed record BenchmarkRound(WrkResult Plain, WrkResult Host, WrkResult Pipeline)
{
    /// <summary>The target's ratio: the pipeline against the same host without it.</summary>
    public double OfHost => Pipeline.RequestsPerSecond / Host.RequestsPerSecond;

    public double OfPlain => Pipeline.RequestsPerSecond / Plain.RequestsPerSecond;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"plain {Plain.RequestsPerSecond:N0}/s, host {Host.RequestsPerSecond:N0}/s, pipeline {Pipeline.RequestsPerSecond:N0}/s ({OfHost:P0} of host)");
}
