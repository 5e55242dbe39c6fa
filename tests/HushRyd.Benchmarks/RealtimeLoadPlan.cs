namespace HushRyd.Benchmarks;

/// <summary>
/// Who connects with what in the realtime load: room r is trip r; its ten members are the trip's driver, its eight
/// passengers and an operations admin (each admin follows ten trips), each a connection with its own signed-in user's
/// token. Connection c goes to server c mod n, so the members of a room sit on different server processes.
/// </summary>
internal sealed record RealtimeLoadPlan(string[] TripIds, string[] Tokens)
{
    public const int RoomSize = 10;

    public int Connections => TripIds.Length * RoomSize;

    public static int RoomOf(int connection) => connection / RoomSize;

    public string TripOf(int connection) => TripIds[RoomOf(connection)];

    public string TokenOf(int connection) => Tokens[connection];

    public static string ServerOf(IReadOnlyList<string> servers, int connection) => servers[connection % servers.Count];
}

/// <summary>What one client process reports: connections made, how long that took, and delivery latencies in 1 ms buckets.</summary>
internal sealed record RealtimeLoadReport(int Connected, int Failed, double ConnectSeconds, long Received, long[] LatencyBuckets);
