using System.Net;

namespace HushRyd.Server.Admin;

public sealed class AllowedAdminNetworks(IReadOnlyList<IPNetwork> networks)
{
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            // In-process test servers have no remote address; real sockets always do.
            return true;
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(network => network.Contains(normalized));
    }
}
