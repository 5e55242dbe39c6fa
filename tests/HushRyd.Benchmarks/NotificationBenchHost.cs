using HushRyd.Notifications;
using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Providers;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Modules;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Redis;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Server.Admin;
using HushRyd.Server.Hosting;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>
/// The notifications module as the server registers it, on one job engine, with its workers held back until
/// <see cref="StartWorkersAsync"/> so adding and processing are timed apart. Providers are no-op ones with a
/// latency, or the dev outbox with its fail injection (<c>Notifications:FailShare</c>).
/// </summary>
internal sealed class NotificationBenchHost : IAsyncDisposable
{
    private readonly TempDirectory _data;
    private readonly IHost _host;
    private NotificationWorkers? _workers;

    private NotificationBenchHost(TempDirectory data, IHost host)
    {
        _data = data;
        _host = host;
    }

    public JobQueue Queue => _host.Services.GetRequiredService<JobQueue>();

    public IJobStore Store => _host.Services.GetRequiredService<IJobStore>();

    public IServiceProvider Services => _host.Services;

    /// <param name="noOpLatency">No-op providers taking this long; null for the dev outbox.</param>
    public static async Task<NotificationBenchHost> StartAsync(JobEngine engine, IConnectionMultiplexer redis, TimeSpan? noOpLatency, IDictionary<string, string?> settings)
    {
        var data = new TempDirectory();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDevOutbox(data.Path);
        if (engine == JobEngine.Redis)
        {
            builder.SetRuntimeKind(RuntimeKind.Dapr);
            builder.Services.AddSingleton<IRedisConnection>(new BenchmarkRedisConnection(redis));
        }
        else
        {
            builder.Services.AddHostedService<StartupTaskRunner>();
            builder.Services.AddStartupTask<SqliteDatabase>();
            builder.Services.AddSingleton<SqliteWriter>();
        }

        new NotificationsModule().AddServices(builder);
        builder.Services.RemoveAll<INotificationChannel>();
        if (noOpLatency is { } latency)
        {
            foreach (var route in ProviderNames.Routes)
            {
                builder.Services.AddSingleton<INotificationChannel>(new NoOpChannel(route, latency));
            }
        }
        else
        {
            builder.Services.AddOutboxProviders(builder.Configuration);
        }

        var workers = builder.Services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(NotificationWorkers));
        builder.Services.Remove(workers);
        var host = builder.Build();
        await host.StartAsync();
        return new NotificationBenchHost(data, host);
    }

    public Task StartWorkersAsync()
    {
        _workers = ActivatorUtilities.CreateInstance<NotificationWorkers>(_host.Services);
        return _workers.StartAsync(CancellationToken.None);
    }

    /// <summary>Jobs of the SMS queue of one priority in any of <paramref name="statuses"/>.</summary>
    public async Task<long> CountAsync(JobPriority priority, params JobStatus[] statuses) =>
        (await Store.CountAsync(CancellationToken.None))
            .Where(c => c.Queue == NotificationChannelKind.Sms && c.Priority == priority && statuses.Contains(c.Status))
            .Sum(c => c.Count);

    public async ValueTask DisposeAsync()
    {
        if (_workers is not null)
        {
            await _workers.StopAsync(CancellationToken.None);
            _workers.Dispose();
        }

        await _host.StopAsync();
        _host.Dispose();
        _data.Dispose();
    }
}
