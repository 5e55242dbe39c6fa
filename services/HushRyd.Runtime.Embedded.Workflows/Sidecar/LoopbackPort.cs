using System.Net;
using System.Net.Sockets;

namespace HushRyd.Runtime.Embedded.Workflows.Sidecar;

internal static class LoopbackPort
{
    /// <summary>A port the system just handed out; the sidecar binds it moments later at start-up.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
