using System.Globalization;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>
/// The gateway under real traffic: many distinct signed-in users, each sending a few requests, next to one busy
/// principal and to the same host without the gateway, in turns within one run; with the server's memory, so a cache
/// sized for the working set shows whether it stays bounded.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- gateway-principals [principals seconds-per-run connections warm-up-seconds rounds [embedded|redis-server]]
/// With <c>redis-server</c> the server keeps sessions and limits there, as a production gateway does, so its own memory
/// is the gateway's alone; embedded Garnet's log grows in the server's memory up to Redis:EmbeddedMemory.
/// </summary>
public static class GatewayPrincipalsBenchmark
{
    private const string Route = "/api/v1/auth/whoami";
    private const string Embedded = "embedded";
    private const string RedisServer = "redis-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var principals = BenchmarkReport.Argument(args, 0, 10_000);
        var seconds = BenchmarkReport.Argument(args, 1, 10);
        var connections = BenchmarkReport.Argument(args, 2, 64);
        var warmUp = BenchmarkReport.Argument(args, 3, 15);
        var roundCount = BenchmarkReport.Argument(args, 4, 3);
        var store = args.Length > 5 ? args[5] : Embedded;
        if (store is not (Embedded or RedisServer))
        {
            Console.Error.WriteLine($"the store is {Embedded} or {RedisServer}, not {store}");
            return 2;
        }

        using var data = new TempDirectory();
        await using var redis = store == RedisServer ? await TestRedis.StartAsync(RedisBackend.RedisServer) : null;
        var environment = new Dictionary<string, string>
        {
            // Limits raised out of the way, as in the gateway benchmark: the figure is the limiter's cost, not its verdict.
            // Sign-ins all come from this address, so the anonymous budget is raised too.
            ["RateLimits__Authenticated"] = "100000000",
            ["RateLimits__Default"] = "100000000",
            ["Logging__LogLevel__Default"] = "Error",
        };
        if (redis is not null)
        {
            environment["Redis__ConnectionString"] = redis.ConnectionString;
        }

        await using var server = ServerProcess.Start(data.Path, environment);
        using var client = await server.WaitUntilReadyAsync();
        var one = await TestLogin.LoginAsync(client, data.Path, "+919800000777");
        var signIn = System.Diagnostics.Stopwatch.StartNew();
        var tokens = await SignedInPrincipals.SignInAsync(server.BaseAddress, data.Path, principals);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{principals:N0} principals signed in in {signIn.Elapsed.TotalSeconds:N0} s"));
        var tokenFile = Path.Combine(data.Path, "tokens.txt");
        await File.WriteAllLinesAsync(tokenFile, tokens);
        var manyScript = Path.Combine(data.Path, "many.lua");
        await File.WriteAllTextAsync(manyScript, RoundRobinScript(tokenFile));
        await using var host = await BaselineApp.ServiceHostAsync();

        var serverUrl = new Uri(server.BaseAddress, Route).ToString();
        var hostUrl = new Uri(host.BaseAddress, Route).ToString();
        await Wrk.RunAsync(hostUrl, null, warmUp, connections);
        await Wrk.RunAsync(serverUrl, one, warmUp, connections);

        // The users are signed in but have sent nothing yet: growth from here includes what the gateway keeps per principal.
        var beforeMany = await ServerMemory.ReadAsync(server, client);
        await Wrk.RunAsync(serverUrl, null, warmUp, connections, manyScript);
        var rounds = new List<PrincipalsRound>();
        long? redisBefore = null;
        for (var round = 0; round < roundCount; round++)
        {
            var hostRun = await Wrk.RunAsync(hostUrl, null, seconds, connections);
            var oneRun = await Wrk.RunAsync(serverUrl, one, seconds, connections);
            var oneMemory = await ServerMemory.ReadAsync(server, client);
            redisBefore ??= redis is null ? null : await RedisUsedMemoryAsync(redis);
            var manyRun = await Wrk.RunAsync(serverUrl, null, seconds, connections, manyScript);
            rounds.Add(new PrincipalsRound(hostRun, oneRun, oneMemory, manyRun, await ServerMemory.ReadAsync(server, client)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {rounds[^1]}"));
        }

        var redisGrown = redis is null ? null : await RedisUsedMemoryAsync(redis) - redisBefore;
        var report = Report(new PrincipalsSetup(principals, seconds, connections, warmUp, store), rounds, beforeMany, redisGrown);
        Console.WriteLine(report);
        await BenchmarkLog.AppendAsync(report);
        return rounds.All(r => r.One.Non2xx == 0 && r.Many.Non2xx == 0) ? 0 : 1;
    }

    /// <summary>Each thread walks the tokens round-robin from its own half, so every request is from the principal least recently seen.</summary>
    private static string RoundRobinScript(string tokenFile) =>
        $$"""
        local threads = 0
        setup = function(thread)
          thread:set("id", threads)
          threads = threads + 1
        end
        local tokens = {}
        init = function(args)
          for line in io.lines("{{tokenFile}}") do tokens[#tokens + 1] = "Bearer " .. line end
          n = (id or 0) * math.floor(#tokens / 2)
        end
        request = function()
          n = n + 1
          return wrk.format(nil, nil, { ["Authorization"] = tokens[(n % #tokens) + 1] })
        end
        """;

    private static async Task<long> RedisUsedMemoryAsync(TestRedis redis)
    {
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var info = await admin.GetServers()[0].InfoAsync("memory");
        return long.Parse(info.SelectMany(group => group).Single(pair => pair.Key == "used_memory").Value, CultureInfo.InvariantCulture);
    }

    private static string Report(PrincipalsSetup setup, List<PrincipalsRound> rounds, ServerMemory beforeMany, long? redisGrown)
    {
        var (principals, seconds, connections, warmUp, store) = setup;
        var median = rounds.OrderBy(r => r.ManyOfOne).ElementAt(rounds.Count / 2);
        var baseline = rounds[0].OneMemory;
        var text = BenchmarkLog.Start(
            $"Gateway under many principals: {principals:N0} signed-in users against one",
            (store == RedisServer ? "the server (sessions and limits in a local redis-server), redis-server," : "the server (embedded Garnet),")
            + $" the host without the gateway and wrk share them. Release build; {principals:N0} users signed in by OTP before the runs; {warmUp} s of warm-up each, then {rounds.Count} rounds of wrk -t2 -c{connections} -d{seconds}s on GET {Route}: the host without the gateway, the server with one principal's token, the server with the {principals:N0} tokens round-robin.");
        text.AppendLine("| round | host req/s | one principal req/s (p99) | one / host | many req/s (p99) | many / one | server memory after one | after many | non-2xx |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            var label = r == median ? $"{i + 1} (median)" : $"{i + 1}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {r.Host.RequestsPerSecond:N0} | {r.One.RequestsPerSecond:N0} ({r.One.P99}) | {r.OneOfHost:P0} | {r.Many.RequestsPerSecond:N0} ({r.Many.P99}) | {r.ManyOfOne:P0} | {r.OneMemory} | {r.ManyMemory} | {r.One.Non2xx + r.Many.Non2xx} |");
        }

        var grown = rounds.Max(r => r.ManyMemory.WorkingSet) - baseline.WorkingSet;
        var heapGrown = rounds.Max(r => r.ManyMemory.ManagedHeap) - baseline.ManagedHeap;
        var committedGrown = rounds.Max(r => r.ManyMemory.GcCommitted) - baseline.GcCommitted;
        var grownFromFirst = rounds.Max(r => r.ManyMemory.WorkingSet) - beforeMany.WorkingSet;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Before the first request of the {principals:N0} principals (signed in, one principal's warm-up done): {beforeMany}; the largest after a many-principal run is {ServerMemory.Mib(grownFromFirst)} more, what the gateway and the store keep per principal included. The rounds' own growth, below, starts after the many-principal warm-up.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Median round: {median.Many.RequestsPerSecond:N0} requests/s from {principals:N0} principals, {median.ManyOfOne:P0} of one principal's {median.One.RequestsPerSecond:N0} (p99 {median.Many.P99}); one principal {median.OneOfHost:P0} of the host without the gateway. The server's resident memory grew {ServerMemory.Mib(grown)} over the first one-principal run, its managed heap (pinned heap aside) {ServerMemory.Mib(heapGrown)}, the GC's committed memory {ServerMemory.Mib(committedGrown)}; {(redisGrown is { } grownInRedis ? $"redis-server's used memory {ServerMemory.Mib(grownInRedis)}" : "the pinned heap is embedded Garnet's log, bounded by Redis:EmbeddedMemory")} (targets: >= 70 % and p99 < 10 ms at 10,000; < 100 MB and >= 50 % at 100,000; one principal >= 80 % of the host).");
        return text.ToString();
    }
}
