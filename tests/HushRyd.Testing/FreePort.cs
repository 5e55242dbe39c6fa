using HushRyd.Platform.Hosting;

namespace HushRyd.Testing;

public static class FreePort
{
    /// <summary>Outside the ephemeral range, so a port handed out here is not taken by someone's outgoing connection before the server binds it.</summary>
    public static int Next() => LoopbackPort.Free();
}
