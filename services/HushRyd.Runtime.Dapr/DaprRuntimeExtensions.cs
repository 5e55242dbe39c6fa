using HushRyd.Platform.Events;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Redis;
using HushRyd.Platform.State;
using HushRyd.Runtime.Dapr.Events;
using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Runtime.Dapr.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Runtime.Dapr;

public static class DaprRuntimeExtensions
{
    /// <summary>Events and state through the Dapr sidecar, records in MongoDB, hot state in a shared Redis.</summary>
    public static IHostApplicationBuilder AddDaprRuntime(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var redisConnectionString = builder.Configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.ConnectionString)}"];
        if (string.IsNullOrWhiteSpace(redisConnectionString))
        {
            // Instances of a module share rate limits, sessions and locations, so each cannot keep its own Redis.
            throw new StartupException("--runtime dapr needs a shared Redis: set Redis:ConnectionString (environment: Redis__ConnectionString), e.g. localhost:6379.");
        }

        services.Configure<RedisOptions>(builder.Configuration.GetSection(RedisOptions.SectionName));
        services.AddStartupTask<IRedisConnection, ExternalRedisConnection>();
        services.AddDaprClient();
        services.AddSingleton<IEventBus, DaprEventBus>();
        services.AddSingleton<IStateStore, DaprStateStore>();
        services.AddMongoRecordStore(builder.Configuration);
        services.AddHealthChecks()
            .AddCheck<DaprSidecarHealthCheck>("dapr", tags: [HealthTags.Ready])
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>Unwraps CloudEvents before endpoints see the body.</summary>
    public static WebApplication UseDaprRuntime(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCloudEvents();
        return app;
    }
}
