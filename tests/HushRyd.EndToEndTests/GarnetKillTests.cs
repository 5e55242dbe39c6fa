using System.Collections.Concurrent;
using System.Diagnostics;
using HushRyd.Runtime.Embedded.Garnet;
using HushRyd.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests;

/// <summary>
/// The server's embedded Garnet, bounded (small AOF size limit, so checkpoints come every second under load), killed
/// with SIGKILL while positions are being written: every write acknowledged more than the AOF commit interval
/// (Redis:EmbeddedAofCommitMs, 20 ms) before the kill is there after the restart.
/// </summary>
public sealed class GarnetKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Writers = 4;
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(20);
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Writes_acknowledged_more_than_the_commit_interval_before_a_SIGKILL_survive_it_after_a_checkpoint()
    {
        var acknowledged = new ConcurrentQueue<(string Key, int Value, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        TimeSpan killedAt;
        var checkpoints = 0;
        await using (var server = StartServer(out var port))
        {
            using var ready = await server.WaitUntilReadyAsync();
            await using var redis = await TestRedis.ConnectToServerGarnetAsync(_data.Path, port, allowAdmin: true);
            var db = redis.GetDatabase();
            var lastSave = await redis.GetServer(redis.GetEndPoints()[0]).LastSaveAsync();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var key = $"location:trip_{writer}_{n % 2_000}";
                    try
                    {
                        await db.HashSetAsync(key, [new("lat", 12.97), new("lng", 77.59), new("speed", 30), new("heading", 90), new("timestamp", n), new("driverId", $"driver_{writer}")]);
                    }
                    catch (RedisException)
                    {
                        return;
                    }

                    acknowledged.Enqueue((key, n, clock.Elapsed));
                }
            })).ToArray();

            var checkpointed = await Eventually.HoldsAsync(
                async () => await redis.GetServer(redis.GetEndPoints()[0]).LastSaveAsync() > lastSave.AddSeconds(1),
                TimeSpan.FromSeconds(20),
                TimeSpan.FromMilliseconds(100));
            Assert.True(checkpointed, "no checkpoint was taken while writing");
            checkpoints = Directory.GetDirectories(Path.Combine(EmbeddedGarnet.DirectoryIn(_data.Path), "Store", "checkpoints", "cpr-checkpoints")).Length;

            // Writes after the checkpoint are in the AOF only.
            await Task.Delay(TimeSpan.FromSeconds(1));
            killedAt = clock.Elapsed;
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        var expected = new Dictionary<string, int>();
        var late = 0;
        foreach (var (key, value, at) in acknowledged)
        {
            if (at < killedAt - CommitInterval)
            {
                expected[key] = Math.Max(expected.GetValueOrDefault(key, -1), value);
            }
            else
            {
                late++;
            }
        }

        await using (var restarted = StartServer(out var port))
        {
            using var ready = await restarted.WaitUntilReadyAsync();
            await using var redis = await TestRedis.ConnectToServerGarnetAsync(_data.Path, port, allowAdmin: true);
            var db = redis.GetDatabase();
            var keys = expected.Keys.ToArray();
            var stored = await Task.WhenAll(keys.Select(key => db.HashGetAsync(key, "timestamp")));
            var lost = keys.Where((key, i) => stored[i].IsNull || (int)stored[i] < expected[key]).ToList();

            output.WriteLine($"{acknowledged.Count} writes acknowledged, {late} of them within {CommitInterval.TotalMilliseconds} ms of the SIGKILL; {keys.Length} keys checked; {checkpoints} checkpoint(s) on disk before the kill.");
            Assert.True(acknowledged.Count > 1_000, "too few writes were acknowledged for the test to mean anything");
            Assert.True(lost.Count == 0, $"{lost.Count} of {keys.Length} keys lost an acknowledged write, e.g. {lost.FirstOrDefault()}");
        }
    }

    private ServerProcess StartServer(out int port)
    {
        port = FreePort.Next();
        return ServerProcess.Start(_data.Path, new Dictionary<string, string>
        {
            ["Redis__EmbeddedPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Redis__EmbeddedMemory"] = "64m",
            ["Redis__EmbeddedAofSizeLimit"] = "1m",
        });
    }

    public void Dispose() => _data.Dispose();
}
