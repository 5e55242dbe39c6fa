using HushRyd.Platform.Hosting;
using Garnet.server;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>Sizes in Garnet's syntax (<c>512m</c>, <c>1g</c>), read the way Garnet reads them.</summary>
public static class GarnetSize
{
    public static long Bytes(string value, string option)
    {
        if (!string.IsNullOrWhiteSpace(value) && ServerOptions.TryParseSize(value, out var bytes) && bytes > 0)
        {
            return bytes;
        }

        throw new StartupException($"{option} is '{value}'; use a size such as 32m or 1g.");
    }

    /// <summary>For the sizes Garnet rounds down to a power of two (AOF segment and size limit).</summary>
    public static long PowerOfTwoBytes(string value, string option) => ServerOptions.PreviousPowerOf2(Bytes(value, option));
}
