using HushRyd.IntegrationTests.Events;
using HushRyd.Platform.Redis;
using HushRyd.Platform.State;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.Gateway;

/// <summary>
/// The stores gateway instances share, as the embedded runtime composes them: SQLite state and a Redis of the given
/// backend. Tests build several instances on one of these, as instances share Redis and the database.
/// </summary>
internal sealed class GatewayStores : IAsyncDisposable
{
    private readonly TempDirectory _data;
    private readonly IHost _host;

    private GatewayStores(TestRedis redis, TempDirectory data, IHost host) => (Redis, _data, _host) = (redis, data, host);

    public TestRedis Redis { get; }

    public IRedisConnection Connection => _host.Services.GetRequiredService<IRedisConnection>();

    public IStateStore State => _host.Services.GetRequiredService<IStateStore>();

    public static async Task<GatewayStores> StartAsync(RedisBackend backend)
    {
        var redis = await TestRedis.StartAsync(backend);
        var data = new TempDirectory();
        var host = await EmbeddedRuntimeHost.StartAsync(data.Path, _ => { }, new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString });
        return new GatewayStores(redis, data, host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Redis.DisposeAsync();
        _data.Dispose();
    }
}
