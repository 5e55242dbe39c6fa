using System.Net;
using Garnet;
using HushRyd.Platform.Hosting;
using StackExchange.Redis;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>Starting, reaching and stopping an in-process Garnet server.</summary>
internal static class GarnetHost
{
    public static GarnetServer Start(string[] arguments, int port, string directory)
    {
        GarnetServer? server = null;
        try
        {
            server = new GarnetServer(arguments);
            server.Start();
            return server;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Garnet reports bad options with a plain Exception and an unreadable checkpoint with Tsavorite's own type.
            server?.Dispose();
            throw new StartupException($"cannot start embedded Garnet on 127.0.0.1:{port} with data in {directory}: {ex.Message}; free the port (Redis:EmbeddedPort), fix the Redis:Embedded* settings, or move a damaged garnet directory away.", ex);
        }
    }

    public static Task<ConnectionMultiplexer> ConnectAsync(int port, string password, bool allowAdmin = false) =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, port } },
            Password = password,
            AbortOnConnectFail = true,
            AllowAdmin = allowAdmin,
        });

    /// <summary>Dispose does not commit the append-only file; without the commit the last writes are lost on a clean stop.</summary>
    public static async Task StopAsync(GarnetServer server)
    {
        await server.Store.CommitAOFAsync(CancellationToken.None);
        server.Dispose();
    }
}
