using System.Globalization;
using System.Net;
using Garnet;
using HushRyd.Runtime.Embedded.Garnet;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Redis;

/// <summary>
/// Garnet replays an AOF opened with another segment size wrongly and says nothing (keys vanish or go back to old
/// values), so a data directory written before the bounded layout is migrated at start through a checkpoint.
/// </summary>
public class EmbeddedGarnetMigrationTests
{
    private const int Drivers = 4_000;
    private const int Rounds = 3;
    private const long NewSegmentBytes = 32L << 20;

    [Fact]
    public async Task Every_key_written_with_the_unbounded_layout_survives_the_switch_to_the_bounded_one()
    {
        using var data = new TempDirectory();
        var directory = EmbeddedGarnet.DirectoryIn(data.Path);
        await WriteWithTheUnboundedLayoutAsync(directory);
        var aofBytes = new FileInfo(Path.Combine(directory, "AOF", "aof.log.0")).Length;
        Assert.True(aofBytes * (Rounds - 1) / Rounds > NewSegmentBytes, $"the old AOF ({aofBytes} bytes) must put the whole last round past the first new segment, where a replay with the new size goes wrong");

        for (var start = 0; start < 2; start++)
        {
            var (garnet, _) = await TestRedis.StartGarnetOnAsync(data.Path);
            await using (garnet)
            {
                var db = garnet.Multiplexer.GetDatabase();
                var rounds = await Task.WhenAll(Enumerable.Range(0, Drivers).Select(i => db.HashGetAsync($"location:trip_{i}", "round")));
                var positions = await db.GeoPositionAsync("active-drivers", [.. Enumerable.Range(0, Drivers).Select(i => (RedisValue)$"driver_{i}")]);

                var wrong = Enumerable.Range(0, Drivers).Where(i => rounds[i] != Rounds - 1).ToList();
                Assert.True(wrong.Count == 0, $"start {start + 1}: {wrong.Count} of {Drivers} trips lost their last position, e.g. trip_{wrong.FirstOrDefault()} reads round '{rounds[wrong.FirstOrDefault()]}'");
                Assert.All(positions, position => Assert.NotNull(position));
            }

            Assert.Equal("aof-segment-size=32m", (await File.ReadAllTextAsync(Path.Combine(directory, GarnetLayout.FileName))).Trim());
        }
    }

    /// <summary>Garnet exactly as the server started it before the bounded layout (commit 9b6dbbc): one 1 GB AOF segment, no password.</summary>
    private static async Task WriteWithTheUnboundedLayoutAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        using var server = new GarnetServer([
            "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "--lua-transaction-mode", "--aof", "--aof-commit-freq", "20",
            "--checkpointdir", directory, "--recover", "--device-type", "RandomAccess", "-m", "64m", "-i", "64m", "--logger-level", "Warning", "-q",
        ]);
        server.Start();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, port } } }))
        {
            var db = redis.GetDatabase();
            var pad = new string('x', 4_500);
            for (var round = 0; round < Rounds; round++)
            {
                var batch = db.CreateBatch();
                var writes = Enumerable.Range(0, Drivers).SelectMany(i => new Task[]
                {
                    batch.HashSetAsync($"location:trip_{i}", [new("lat", 12.9 + (i * 1e-5)), new("lng", 77.5), new("speed", 30), new("heading", 90), new("timestamp", round), new("driverId", $"driver_{i}"), new("round", round), new("pad", pad)]),
                    batch.GeoAddAsync("active-drivers", 77.5 + (round * 1e-4), 12.9, $"driver_{i}"),
                }).ToArray();
                batch.Execute();
                await Task.WhenAll(writes);
            }
        }

        await server.Store.CommitAOFAsync(CancellationToken.None);
    }
}
