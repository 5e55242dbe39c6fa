using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HushRyd.Gateway.Identity;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// The socket.io side: socketio/server.js nodes with @socket.io/redis-adapter on the same redis-server, accepting the same
/// tokens; positions emitted to the trip's room by a socket-less socket.io server (socketio/publish.js) through the adapter.
/// Installs its locked packages with npm ci first if needed.
/// </summary>
internal sealed class SocketIoRealtimeStack(List<NodeProcess> servers, IReadOnlyList<string> urls, NodeProcess publisher) : IRealtimeStack
{
    private static readonly string Directory = Path.Combine(RepositoryRoot.Path, "tests", "HushRyd.Benchmarks", "socketio");

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Name => "socket.io 4.8.4 + @socket.io/redis-adapter 8.3.0 (Node " + NodeVersion + ")";

    public IReadOnlyList<string> Servers => urls;

    public TimeSpan ServerCpu => servers.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessorTime);

    public long ServerResidentBytes => servers.Sum(s => s.WorkingSetBytes);

    private static string NodeVersion { get; set; } = "?";

    public static async Task<SocketIoRealtimeStack> StartAsync(TestRedis redis, LoadPrincipals principals, int count)
    {
        await EnsureInstalledAsync();
        var auth = new AuthOptions();
        var ports = Enumerable.Range(0, count).Select(_ => FreePort.Next()).ToList();
        var servers = new List<NodeProcess>();
        foreach (var port in ports)
        {
            servers.Add(await NodeProcess.StartAsync(Directory, "LISTENING", "--expose-gc", "server.js", port.ToString(CultureInfo.InvariantCulture), RedisAddress(redis), principals.Key.Key, auth.Issuer, auth.Audience));
        }

        var publisher = await NodeProcess.StartAsync(Directory, "READY", "publish.js", RedisAddress(redis));
        return new SocketIoRealtimeStack(servers, [.. ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}"))], publisher);
    }

    /// <summary>V8's used heap right after a full collection that each node runs on request.</summary>
    public async Task<long> HeapAfterGcBytesAsync()
    {
        long total = 0;
        foreach (var server in Servers)
        {
            var memory = JsonDocument.Parse(await _http.GetStringAsync(new Uri(new Uri(server), "/memory")));
            total += memory.RootElement.GetProperty("heapUsed").GetInt64();
        }

        return total;
    }

    public LoadClientProcess StartClient(string planFile, int first, int count, string sourceAddress) =>
        LoadClientProcess.Start("node", Directory, [
            "client.js", planFile, first.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), sourceAddress, string.Join(',', Servers)]);

    public async Task<long> PublishAsync(RealtimeLoadPlan plan, int perSecond, TimeSpan duration)
    {
        var sent = await RoomPositions.RunAsync(plan.TripIds, perSecond, duration, trip =>
        {
            publisher.Input.Write(trip);
            publisher.Input.Write(' ');
            publisher.Input.WriteLine(RoomPositions.Payload(trip));
            publisher.Input.Flush();
        });
        return sent;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        publisher.Dispose();
        servers.ForEach(s => s.Dispose());
        return ValueTask.CompletedTask;
    }

    private static string RedisAddress(TestRedis redis) => redis.ConnectionString.Split(',')[0];

    private static async Task EnsureInstalledAsync()
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
        {
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Directory })!;
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Directory} exited with {npm.ExitCode}");
            }
        }

        using var version = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        NodeVersion = (await version.StandardOutput.ReadToEndAsync()).Trim();
    }
}
