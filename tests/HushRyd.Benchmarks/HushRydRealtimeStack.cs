using System.Globalization;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>
/// HushRyd's side: server processes sharing one data directory and one redis-server (every module but SOS, whose workflow
/// store one process owns), positions published on <c>trip:{id}</c> as the Location module publishes them.
/// </summary>
internal sealed class HushRydRealtimeStack(List<ServerProcess> servers, IConnectionMultiplexer redis) : IRealtimeStack
{
    public const string Modules = "gateway,trips,location,realtime";

    /// <summary>How often each connection's session is checked again in these runs (Realtime:SessionRecheckInterval).</summary>
    public static readonly TimeSpan SessionRecheck = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The .NET load clients share the two cores with the servers they measure, as socket.io's single-threaded Node clients
    /// do; like the servers they neither spin waiting for work nor keep a GC heap per core, so they take no more than their share.
    /// </summary>
    private static readonly Dictionary<string, string> ClientEnvironment = new()
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    private readonly HashSet<int> _reportedExits = [];

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"HushRyd ({(RealtimeLoadClient.Negotiates ? "SignalR after negotiation" : "lean WebSocket path, SignalR's JSON protocol")}, per-room Redis channels, sessions rechecked every {SessionRecheck.TotalSeconds:F0} s)");

    public IReadOnlyList<string> Servers { get; } = [.. servers.Select(s => s.BaseAddress.ToString())];

    public IReadOnlyList<ServerProcess> Processes => servers;

    public TimeSpan ServerCpu => Running().Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessorTime);

    public long ServerResidentBytes => Running().Sum(s => s.WorkingSetBytes);

    public static async Task<HushRydRealtimeStack> StartAsync(string dataDirectory, TestRedis redis, LoadPrincipals principals, int count)
    {
        var environment = new Dictionary<string, string>(principals.ServerSettings)
        {
            ["Redis__ConnectionString"] = redis.ConnectionString,
            ["RateLimits__Authenticated"] = "100000000",
            ["RateLimits__Premium"] = "100000000",
            ["Logging__LogLevel__Default"] = "Error",

            // Several nodes share two cores: one GC heap each, as for any process that gets a fraction of a machine.
            ["DOTNET_gcServer"] = "0",

            // Nor do they spin waiting for work: a profile of one node under this load had 16 % of its samples in the
            // thread pool's sched_yield spinning, CPU the other nodes on the same cores needed (ADR 0008).
            ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",

            // Every connection is authenticated again once per interval, the whole scheme each time: at the default 10 s,
            // 50,000 connections are 5,000 authentications a second on the same two cores as everything else.
            ["Realtime__SessionRecheckInterval"] = SessionRecheck.ToString("c", CultureInfo.InvariantCulture),
        };

        // The first one alone: it creates the shared database the others open.
        var started = new List<ServerProcess> { ServerProcess.Start(dataDirectory, environment, "--target", Modules) };
        try
        {
            (await started[0].WaitUntilReadyAsync()).Dispose();
            started.AddRange(Enumerable.Range(1, count - 1).Select(_ => ServerProcess.Start(dataDirectory, environment, "--target", Modules)));
            foreach (var server in started)
            {
                (await server.WaitUntilReadyAsync(TimeSpan.FromMinutes(2))).Dispose();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // One that could not start (its port taken meanwhile, say) must not leave the others running, holding the bench lock.
            foreach (var server in started)
            {
                await server.DisposeAsync();
            }

            throw;
        }

        return new HushRydRealtimeStack(started, redis.Multiplexer);
    }

    public async Task<long> HeapAfterGcBytesAsync()
    {
        long total = 0;
        foreach (var server in Running().Select(s => s.BaseAddress.ToString()))
        {
            var page = await _http.GetStringAsync(new Uri(new Uri(server), "/metrics"));
            total += (long)PrometheusText.Sum(page, "dotnet_gc_last_collection_heap_size", "_bytes");
        }

        return total;
    }

    /// <summary>The servers still running; one that died under the load is named with its last output, once, and left out.</summary>
    private List<ServerProcess> Running()
    {
        foreach (var server in servers.Where(s => s.HasExited && _reportedExits.Add(s.Id)))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server {server.BaseAddress} (process {server.Id}) exited with {server.ExitCode}; its last output:\n{string.Join('\n', server.Output.Split('\n').TakeLast(20))}"));
        }

        return [.. servers.Where(s => !s.HasExited)];
    }

    public LoadClientProcess StartClient(string planFile, int first, int count, string sourceAddress) =>
        LoadClientProcess.Start(
            "dotnet",
            null,
            [typeof(HushRydRealtimeStack).Assembly.Location, "realtime-load-client", planFile,
                first.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), sourceAddress, string.Join(',', Servers)],
            ClientEnvironment);

    public Task<long> PublishAsync(RealtimeLoadPlan plan, int perSecond, TimeSpan duration)
    {
        var publisher = redis.GetSubscriber();
        return RoomPositions.RunAsync(plan.TripIds, perSecond, duration, trip =>
            publisher.Publish(RedisChannel.Literal("trip:" + trip), RoomPositions.Payload(trip), CommandFlags.FireAndForget));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }
    }
}
