using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HushRyd.Platform.Hosting;

/// <summary>Ports for loopback listeners that start in-process (embedded Garnet, the workflow sidecar) or in tests.</summary>
public static class LoopbackPort
{
    // Below Linux's ephemeral range (32768-60999): a port the system hands out for port 0 is soon handed out again, to
    // this process's own outgoing connections or another process's listener, before the listener binds it moments later.
    private const int First = 20000;
    private const int Last = 32767;

    /// <summary>A free loopback port outside the ephemeral range, picked at random, for a listener to bind moments later.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = RandomNumberGenerator.GetInt32(First, Last + 1);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        using var fallback = new TcpListener(IPAddress.Loopback, 0);
        fallback.Start();
        return ((IPEndPoint)fallback.LocalEndpoint).Port;
    }
}
