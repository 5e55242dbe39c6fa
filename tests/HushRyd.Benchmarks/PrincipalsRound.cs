using System.Globalization;

namespace HushRyd.Benchmarks;

/// <summary>
/// One run of each, moments apart: the host without the gateway, the server with one busy principal, the server with
/// many principals each sending a little; with the server's resident memory at the end of each server run.
/// </summary>
public sealed record PrincipalsRound(WrkResult Host, WrkResult One, ServerMemory OneMemory, WrkResult Many, ServerMemory ManyMemory)
{
    /// <summary>The ratio: many principals against one, measured moments apart.</summary>
    public double ManyOfOne => Many.RequestsPerSecond / One.RequestsPerSecond;

    public double OneOfHost => One.RequestsPerSecond / Host.RequestsPerSecond;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"host {Host.RequestsPerSecond:N0}/s, one principal {One.RequestsPerSecond:N0}/s ({OneOfHost:P0} of host), many {Many.RequestsPerSecond:N0}/s ({ManyOfOne:P0} of one), p99 {Many.P99}, memory {OneMemory} -> {ManyMemory}");
}
