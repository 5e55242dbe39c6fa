using HushRyd.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace HushRyd.Gateway.Routing;

/// <summary>
/// The seed's routing table (/api/v1/* and /share/*, the location service's routes, /ws/*, /admin/*: the desk's pages and
/// the admin API of each module) for modules in
/// other processes, through YARP.
/// The gateway's own endpoints are literal routes, so they win over these catch-alls.
/// </summary>
public static class GatewayProxy
{
    public static bool AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        var internalToken = configuration.GetSection(InternalCallOptions.SectionName).Get<InternalCallOptions>()?.Token;
        var targets = new (string Route, string Cluster, string? Address, string Path)[]
        {
            ("api", "api", options.Api, "/api/v1/{**rest}"),

            // The location service's routes; literal segments make them win over the API cluster's catch-all.
            ("location-position", "location", options.Location, "/api/v1/trips/{tripId}/location"),
            ("location-track", "location", options.Location, "/api/v1/trips/{tripId}/track"),
            ("location-batch", "location", options.Location, "/api/v1/locations/{**rest}"),
            ("location-drivers", "location", options.Location, "/api/v1/drivers/{**rest}"),

            // SOS, raised by apps and handled by the desk, served by the SOS service.
            ("sos", "sos", options.Sos, "/api/v1/sos/{**rest}"),
            ("sos-desk", "sos", options.Sos, "/admin/v1/sos/{**rest}"),

            // Public share pages are served by the Trips module, which sits behind the API cluster.
            ("share", "api", options.Api, "/share/{**rest}"),
            ("realtime", "realtime", options.Realtime, "/ws/{**rest}"),

            // The admin API of the queues and of the WebSocket cluster (the desk's live feed too), served by those modules.
            ("queues-admin", "notifications", options.Notifications, "/admin/v1/queues/{**rest}"),
            ("realtime-admin", "realtime", options.Realtime, "/admin/v1/realtime/{**rest}"),
            ("admin", "admin", options.Admin, "/admin/{**rest}"),
        }.Where(t => !string.IsNullOrWhiteSpace(t.Address)).ToArray();
        if (targets.Length == 0)
        {
            return false;
        }

        var routes = targets.Select(t => new RouteConfig { RouteId = t.Route, ClusterId = t.Cluster, Match = new RouteMatch { Path = t.Path } }).ToArray();
        var clusters = targets.DistinctBy(t => t.Cluster).Select(t => new ClusterConfig
        {
            ClusterId = t.Cluster,
            Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = t.Address! } },
        }).ToArray();
        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context => context.AddRequestTransform(transform =>
            {
                var headers = transform.ProxyRequest.Headers;
                foreach (var name in headers.Select(h => h.Key).Where(IsGatewayHeader).ToArray())
                {
                    headers.Remove(name);
                }

                if (!string.IsNullOrEmpty(internalToken))
                {
                    headers.TryAddWithoutValidation(PrincipalHeaders.InternalToken, internalToken);
                }

                foreach (var (name, value) in PrincipalHeaders.From(transform.HttpContext.User))
                {
                    headers.TryAddWithoutValidation(name, value);
                }

                return ValueTask.CompletedTask;
            }));
        return true;
    }

    /// <summary>Headers only the gateway may set; a client's copies are forgeries.</summary>
    private static bool IsGatewayHeader(string name) =>
        name.StartsWith(PrincipalHeaders.Prefix, StringComparison.OrdinalIgnoreCase)
        || name.Equals(PrincipalHeaders.InternalToken, StringComparison.OrdinalIgnoreCase);

    public static void MapGatewayProxy(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<IProxyConfigProvider>() is not null)
        {
            endpoints.MapReverseProxy();
        }
    }
}
