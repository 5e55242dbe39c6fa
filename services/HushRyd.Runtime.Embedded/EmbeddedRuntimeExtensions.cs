using Microsoft.Extensions.DependencyInjection.Extensions;
using HushRyd.Platform.Events;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Redis;
using HushRyd.Platform.State;
using HushRyd.Runtime.Embedded.Events;
using HushRyd.Runtime.Embedded.Garnet;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Runtime.Embedded.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Runtime.Embedded;

public static class EmbeddedRuntimeExtensions
{
    /// <summary>Everything in this process: SQLite for records, events and state; Garnet (or a configured external Redis) for hot state.</summary>
    public static IHostApplicationBuilder AddEmbeddedRuntime(this IHostApplicationBuilder builder, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.Properties[typeof(EmbeddedRuntimeOptions)] = dataDirectory;
        services.Configure<EmbeddedRuntimeOptions>(options => options.DataDirectory = dataDirectory);
        services.Configure<EmbeddedEventBusOptions>(builder.Configuration.GetSection(EmbeddedEventBusOptions.SectionName));
        services.Configure<RedisOptions>(builder.Configuration.GetSection(RedisOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSqliteMigration(EventLogMigrations.CreateEventLog);
        services.AddSqliteMigration(EventLogMigrations.RememberPublishedEvents);
        services.AddSqliteMigration(StateMigrations.CreateStateTable);
        services.AddStartupTask<SqliteDatabase>();
        services.AddSingleton<SqliteWriter>();

        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.ConnectionString)}"]))
        {
            services.AddStartupTask<IRedisConnection, EmbeddedGarnet>();
        }
        else
        {
            services.AddStartupTask<IRedisConnection, ExternalRedisConnection>();
        }

        services.AddSingleton<SqliteEventLog>();
        services.AddSingleton<EventDispatchSignal>();
        services.AddSingleton<EventBusMetrics>();
        services.AddSingleton<IEventBus, EmbeddedEventBus>();
        services.AddHostedService<EmbeddedEventDispatcher>();

        services.AddSingleton<SqliteStateStore>();
        services.AddSingleton<IStateStore>(sp => sp.GetRequiredService<SqliteStateStore>());
        services.AddHostedService<StateExpirySweeper>();

        services.AddHealthChecks()
            .AddCheck<SqliteHealthCheck>("sqlite", tags: [HealthTags.Ready])
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>The data directory <see cref="AddEmbeddedRuntime"/> was given, for modules that keep more files there (the workflow sidecar).</summary>
    public static string GetEmbeddedDataDirectory(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Properties.TryGetValue(typeof(EmbeddedRuntimeOptions), out var directory)
            ? (string)directory
            : throw new InvalidOperationException("AddEmbeddedRuntime must run before a module asks for the data directory.");
    }

    public static IServiceCollection AddSqliteMigration(this IServiceCollection services, SqliteMigration migration) =>
        services.AddSingleton(migration);
}
