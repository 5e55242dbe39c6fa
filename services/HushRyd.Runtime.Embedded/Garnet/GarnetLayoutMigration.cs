using HushRyd.Platform.Hosting;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>
/// Moves a garnet directory to another AOF segment size without losing a key. Garnet starts once with the size the
/// data was written with and replays it, a foreground checkpoint (SAVE) then covers every write, and Garnet stops;
/// started with the new size, it recovers from that checkpoint. It runs with the password on, so no other local user
/// can write in between.
/// </summary>
internal static class GarnetLayoutMigration
{
    public static async Task RunAsync(string directory, RedisOptions options, string password, GarnetLayout from, GarnetLayout to, ILogger logger)
    {
        var port = LoopbackPort.Free();
        var server = GarnetHost.Start(GarnetArguments.For(directory, port, options, password, from.AofSegmentSize), port, directory);
        try
        {
            await using var admin = await GarnetHost.ConnectAsync(port, password, allowAdmin: true);
            await admin.GetDatabase().ExecuteAsync("SAVE");
        }
        finally
        {
            await GarnetHost.StopAsync(server);
        }

        to.WriteTo(directory);
        logger.LogInformation("Migrated embedded Garnet's data in {Directory} from AOF segments of {From} to {To} through a checkpoint", directory, from.AofSegmentSize, to.AofSegmentSize);
    }
}
