using HushRyd.Platform.Hosting;
using HushRyd.Runtime.Embedded.Garnet;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Redis;

public class EmbeddedGarnetRecoveryTests
{
    [Fact]
    public async Task A_damaged_checkpoint_stops_start_up_instead_of_serving_partial_data()
    {
        using var data = new TempDirectory();
        var (garnet, connectionString) = await TestRedis.StartGarnetOnAsync(data.Path);
        await using (garnet)
        {
            var db = garnet.Multiplexer.GetDatabase();
            await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => db.HashSetAsync($"location:trip_{i}", [new("lat", 12.97), new("lng", 77.59), new("driverId", $"driver_{i}")])));
            await using var admin = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true");
            await admin.GetDatabase().ExecuteAsync("SAVE");
        }

        var snapshot = Directory.GetFiles(EmbeddedGarnet.DirectoryIn(data.Path), "snapshot.obj.dat.0", SearchOption.AllDirectories).Single();
        await using (var file = File.OpenWrite(snapshot))
        {
            file.SetLength(file.Length / 2);
        }

        var error = await Assert.ThrowsAsync<StartupException>(() => TestRedis.StartGarnetOnAsync(data.Path));

        Assert.Contains("cannot start embedded Garnet", error.Message, StringComparison.Ordinal);
        Assert.Contains(EmbeddedGarnet.DirectoryIn(data.Path), error.Message, StringComparison.Ordinal);
    }
}
