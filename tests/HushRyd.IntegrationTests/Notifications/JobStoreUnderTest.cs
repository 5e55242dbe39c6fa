using HushRyd.IntegrationTests.RateLimiting;
using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Storage;
using HushRyd.Platform.Redis;
using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>A fresh, empty job store of one kind, composed as the module composes it.</summary>
public sealed class JobStoreUnderTest : IAsyncDisposable
{
    private readonly TempDirectory _data;
    private readonly TestRedis? _redis;
    private readonly ServiceProvider _services;

    private JobStoreUnderTest(TempDirectory data, TestRedis? redis, TimeSpan lease)
    {
        _data = data;
        _redis = redis;
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.Configure<NotificationQueueOptions>(options => options.Lease = lease);
        if (redis is null)
        {
            services.Configure<EmbeddedRuntimeOptions>(options => options.DataDirectory = data.Path);
            services.AddSingleton<SqliteDatabase>();
            services.AddSingleton<SqliteWriter>();
            services.AddSqliteJobStore();
        }
        else
        {
            services.AddSingleton<IRedisConnection>(new SwitchableRedisConnection(redis.Multiplexer));
            services.AddSingleton<IJobStore, RedisJobStore>();
        }

        _services = services.BuildServiceProvider();
    }

    public IJobStore Store => _services.GetRequiredService<IJobStore>();

    public static async Task<JobStoreUnderTest> StartAsync(JobStoreKind kind, TimeSpan? lease = null)
    {
        var redis = kind switch
        {
            JobStoreKind.Garnet => await TestRedis.StartAsync(RedisBackend.Garnet),
            JobStoreKind.RedisServer => await TestRedis.StartAsync(RedisBackend.RedisServer),
            _ => null,
        };
        var store = new JobStoreUnderTest(new TempDirectory(), redis, lease ?? TimeSpan.FromMinutes(2));
        if (redis is null)
        {
            await store._services.GetRequiredService<SqliteDatabase>().StartAsync(CancellationToken.None);
        }

        return store;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _data.Dispose();
    }
}
