using HushRyd.Testing;

namespace HushRyd.IntegrationTests.RateLimiting;

/// <summary>
/// One server per backend for a whole test class, started on first use: every test and property case uses fresh
/// principals, so they cannot see each other's budgets, and the folder stays fast.
/// </summary>
public sealed class RedisServers : IAsyncLifetime
{
    private readonly Dictionary<RedisBackend, TestRedis> _servers = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<TestRedis> GetAsync(RedisBackend backend)
    {
        TestRedis.SkipUnlessAvailable(backend);
        await _lock.WaitAsync();
        try
        {
            if (!_servers.TryGetValue(backend, out var server))
            {
                server = await TestRedis.StartAsync(backend);
                _servers[backend] = server;
            }

            return server;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }

        _lock.Dispose();
    }
}
