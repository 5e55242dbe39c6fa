using System.Diagnostics;
using HushRyd.Platform.Redis;
using HushRyd.Runtime.Embedded.Garnet;
using HushRyd.Testing;
using Xunit.Abstractions;

namespace HushRyd.IntegrationTests.Redis;

/// <summary>Under a steady write load embedded Garnet takes checkpoints, frees its AOF files and stays within its disk bound.</summary>
public class EmbeddedGarnetBoundTests(ITestOutputHelper output)
{
    private const int Trips = 5_000;

    private static readonly RedisOptions SmallLimits = new() { EmbeddedMemory = "64m", EmbeddedAofSizeLimit = "16m", EmbeddedAofSegmentSize = "32m" };

    [Fact]
    public async Task A_soak_of_location_updates_stays_within_the_disk_bound_trims_the_aof_and_recovers_every_last_position()
    {
        using var data = new TempDirectory();
        var directory = EmbeddedGarnet.DirectoryIn(data.Path);
        var bound = GarnetDiskBound.Bytes(SmallLimits);
        var (garnet, _) = await TestRedis.StartGarnetOnAsync(data.Path, SmallLimits);
        int rounds;
        long largest;
        var elapsed = Stopwatch.StartNew();
        await using (garnet)
        {
            using var stop = new CancellationTokenSource();
            var sampler = DiskUsage.LargestUntilAsync(directory, TimeSpan.FromMilliseconds(50), stop.Token);
            // At least 10 s, and on until a checkpoint has freed the first AOF file: a busy machine writes slower.
            var firstAofFile = Path.Combine(directory, "AOF", "aof.log.0");
            for (rounds = 0; (elapsed.Elapsed < TimeSpan.FromSeconds(10) || File.Exists(firstAofFile)) && elapsed.Elapsed < TimeSpan.FromSeconds(60); rounds++)
            {
                await LocationTraffic.WriteRoundAsync(garnet.Multiplexer.GetDatabase(), Trips, rounds);
            }

            await stop.CancelAsync();
            largest = await sampler;
        }

        var aofFiles = Directory.GetFiles(Path.Combine(directory, "AOF"), "aof.log.*").Select(f => int.Parse(Path.GetExtension(f)[1..])).ToList();
        output.WriteLine($"{rounds} rounds of {Trips} updates in {elapsed.Elapsed.TotalSeconds:F1} s ({rounds * Trips / elapsed.Elapsed.TotalSeconds:N0}/s); garnet dir at most {largest >> 20} MB of a {bound >> 20} MB bound; AOF files left: {string.Join(", ", aofFiles.Order())}");
        Assert.True(largest <= bound, $"the garnet directory reached {largest >> 20} MB, over its {bound >> 20} MB bound");
        Assert.True(aofFiles.Min() > 0, $"the first AOF file was never freed: {string.Join(", ", aofFiles.Order())}");
        Assert.True(Directory.Exists(Path.Combine(directory, "Store", "checkpoints")), "no checkpoint was taken");

        var (restarted, _) = await TestRedis.StartGarnetOnAsync(data.Path, SmallLimits);
        await using (restarted)
        {
            var db = restarted.Multiplexer.GetDatabase();
            var wrong = await LocationTraffic.CountNotAtRoundAsync(db, Trips, rounds - 1);
            Assert.True(wrong == 0, $"{wrong} of {Trips} trips did not recover their last position (round {rounds - 1})");
            Assert.Equal(Trips, await db.SortedSetLengthAsync("active-drivers"));
        }
    }
}
