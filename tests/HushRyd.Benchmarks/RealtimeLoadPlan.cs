namespace HushRyd.Benchmarks;

/// <summary>
/// Who connects where in the realtime load: room r is trip r; its ten members are the trip's driver, its eight
/// passengers and an admin, each a connection of its own, and consecutive members go to different server processes.
/// </summary>
internal sealed record RealtimeLoadPlan(string[] Servers, string[] TripIds, string[] SlotTokens)
{
    public const int RoomSize = 10;

    public int Connections => TripIds.Length * RoomSize;

    public string TripOf(int connection) => TripIds[connection / RoomSize];

    public string TokenOf(int connection) => SlotTokens[connection % RoomSize];

    public string ServerOf(int connection) => Servers[connection % Servers.Length];
}

/// <summary>What one client process reports: connections made, how long that took, and delivery latencies in 1 ms buckets.</summary>
internal sealed record RealtimeLoadReport(int Connected, int Failed, double ConnectSeconds, long Received, long[] LatencyBuckets);
