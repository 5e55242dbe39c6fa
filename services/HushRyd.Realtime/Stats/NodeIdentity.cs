using System.Security.Cryptography;

namespace HushRyd.Realtime.Stats;

/// <summary>This node's name in the cluster's Redis entries.</summary>
internal sealed record NodeIdentity(string Id)
{
    public static NodeIdentity From(RealtimeOptions options) =>
        new(string.IsNullOrWhiteSpace(options.NodeId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}"
            : options.NodeId);
}
