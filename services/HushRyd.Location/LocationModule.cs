using HushRyd.Location.Access;
using HushRyd.Location.Api;
using HushRyd.Location.Drivers;
using HushRyd.Location.History;
using HushRyd.Location.Positions;
using HushRyd.Location.Storage;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Modules;
using HushRyd.Platform.Trips;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Location;

/// <summary>The seed's location service: live trip positions, nearby drivers, batch ingest, history.</summary>
public sealed class LocationModule : IHushRydModule
{
    public string Name => "location";

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<LocationOptions>()
            .Bind(builder.Configuration.GetSection(LocationOptions.SectionName))
            .Validate(o => o.MaxBatchSize is > 0 and <= 10_000, "Location:MaxBatchSize must be between 1 and 10000.")
            .Validate(o => o.DriverStaleAfter > TimeSpan.Zero && o.PositionLifetime > TimeSpan.Zero && o.ReplayProbeInterval > TimeSpan.Zero,
                "Location:DriverStaleAfter, Location:PositionLifetime and Location:ReplayProbeInterval must be positive, e.g. 00:01:00.")
            .Validate(o => o.HistoryBatchSize > 0 && o.HistoryQueueCapacity >= o.HistoryBatchSize && o.MaxTrackPoints >= 2,
                "Location:HistoryBatchSize must be positive and at most Location:HistoryQueueCapacity; Location:MaxTrackPoints at least 2.")
            .ValidateOnStart();
        if (builder.GetRuntimeKind() == RuntimeKind.Dapr)
        {
            services.AddMongoLocationStores();
        }
        else
        {
            services.AddSqliteLocationStores();
        }

        builder.AddTripDirectory();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LocationMetrics>();
        services.AddSingleton<CachedTripDirectory>();
        services.AddSingleton<RedisPositions>();
        services.AddSingleton<RedisOutage>();
        services.AddSingleton<PositionService>();
        services.AddSingleton<ActiveDrivers>();
        services.AddSingleton<HistoryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryWriter>());
        services.AddHostedService<DelayedPositionReplayer>();
        services.AddHostedService<StaleDriverSweeper>();
        services.AddHealthChecks().AddCheck<LocationHealthCheck>("location", tags: [HealthTags.Ready]);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPositionEndpoints();
        endpoints.MapBatchEndpoints();
        endpoints.MapDriverEndpoints();
    }
}
