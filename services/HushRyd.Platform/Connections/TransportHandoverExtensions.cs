using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Platform.Connections;

public static class TransportHandoverExtensions
{
    /// <summary>Offers <see cref="ITransportHandoverFeature"/> on this endpoint's connections.</summary>
    public static ListenOptions UseTransportHandover(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => connection => TransportHandover.ServeAsync(connection, next));
        return listen;
    }

    /// <summary>
    /// Offers <see cref="ITransportHandoverFeature"/> on every Kestrel endpoint, through Kestrel's endpoint defaults: Kestrel
    /// keeps one such action, so another <c>ConfigureEndpointDefaults</c> would replace this one (nothing else here sets one).
    /// </summary>
    public static IServiceCollection AddTransportHandover(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.UseTransportHandover()));
}
