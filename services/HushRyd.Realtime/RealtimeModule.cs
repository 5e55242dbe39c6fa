using HushRyd.Platform.Connections;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Modules;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Trips;
using HushRyd.Realtime.Desk;
using HushRyd.Realtime.FanOut;
using HushRyd.Realtime.Hubs;
using HushRyd.Realtime.Lean;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Sessions;
using HushRyd.Realtime.Sharing;
using HushRyd.Realtime.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HushRyd.Realtime;

/// <summary>Seed §2, the WebSocket cluster: the SignalR hub, rooms fed by the seed's Redis channels, live share streams, cluster stats.</summary>
public sealed class RealtimeModule : IHushRydModule
{
    /// <summary>Hub connections are for signed-in users; API keys act for no user and have no rooms.</summary>
    public const string UserPolicy = "realtime-user";

    public string Name => "realtime";

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Who may join a trip and what a share token shows: Trips in this process, or over its internal API (Modules:Trips).
        builder.AddTripDirectory();

        services.AddOptions<RealtimeOptions>()
            .Bind(builder.Configuration.GetSection(RealtimeOptions.SectionName))
            .Validate(o => o.SessionRecheckInterval > TimeSpan.Zero && o.StatsInterval > TimeSpan.Zero && o.ShareStreamRecheckInterval > TimeSpan.Zero,
                "Realtime:SessionRecheckInterval, Realtime:StatsInterval and Realtime:ShareStreamRecheckInterval must be positive, e.g. 00:00:10.")
            .Validate(o => o.MaxPendingMessages > 0 && o.TransportBufferBytes > 0, "Realtime:MaxPendingMessages and Realtime:TransportBufferBytes must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRealtimeBroadcaster, RedisRealtimeBroadcaster>();

        services.AddSingleton(sp => NodeIdentity.From(sp.GetRequiredService<IOptions<RealtimeOptions>>().Value));
        services.AddSingleton<LocalRooms>();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<RealtimeMetrics>();
        services.AddSingleton<ChannelDelivery>();
        services.AddSingleton<ClusterRooms>();
        services.AddSingleton<ChannelSubscriptions>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelSubscriptions>());
        services.AddSingleton<RoomMembership>();
        services.AddSingleton<ClusterStats>();
        services.AddHostedService<NodeStatsPublisher>();
        services.AddHostedService<SessionRevalidator>();

        services.AddSingleton<HubRooms>();
        services.AddSignalR().AddMessagePackProtocol();
        services.AddOptions<HubOptions>().Configure<IOptions<RealtimeOptions>>((hub, realtime) =>
        {
            hub.KeepAliveInterval = realtime.Value.KeepAliveInterval ?? hub.KeepAliveInterval;
            hub.ClientTimeoutInterval = realtime.Value.ClientTimeoutInterval ?? hub.ClientTimeoutInterval;
        });
        services.AddSingleton<LeanHubEndpoint>();
        services.AddTransportHandover();
        services.AddHostedService<LeanHubKeepAlive>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, SkipNegotiationPolicy>());
        services.AddSingleton<HubLifetimeManager<RealtimeHub>, RoomHubLifetimeManager<RealtimeHub>>();
        services.AddAuthorizationBuilder()
            .AddPolicy(UserPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(HushRydClaims.Kind, HushRydClaims.KindUser));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<RealtimeOptions>>().Value;

        // WebSockets without negotiation first (ADR 0008, "The lean path"); SkipNegotiationPolicy sends the rest to SignalR.
        var lean = endpoints.ServiceProvider.GetRequiredService<LeanHubEndpoint>();
        endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(lean.SendAllElsewhere);
        var leanPipeline = endpoints.CreateApplicationBuilder();
        leanPipeline.UseWebSockets();
        leanPipeline.Run(lean.HandleAsync);
        endpoints.Map(RealtimeHub.Path, leanPipeline.Build())
            .WithMetadata(new SkipNegotiationPolicy.Metadata())
            .WithOrder(-1)
            .RequireAuthorization(UserPolicy);
        endpoints.MapHub<RealtimeHub>(RealtimeHub.Path, hub =>
        {
            hub.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
            hub.TransportMaxBufferSize = options.TransportBufferBytes;
            hub.ApplicationMaxBufferSize = options.TransportBufferBytes;
        }).RequireAuthorization(UserPolicy);
        endpoints.MapRealtimeStats();
        endpoints.MapShareStream();
        endpoints.MapDeskStream();
    }
}
