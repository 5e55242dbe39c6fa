using HushRyd.Platform.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Platform.Redis;

/// <summary>An external Redis or Redis Cluster; start-up fails with one clear line when it cannot be reached.</summary>
public sealed class ExternalRedisConnection(IOptions<RedisOptions> options) : IRedisConnection, IStartupTask, IAsyncDisposable
{
    private ConnectionMultiplexer? _multiplexer;

    public string Description { get; } = RedisEndpoints.Describe(options.Value.ConnectionString ?? string.Empty);

    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Redis is used before start-up connected it.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Value.ConnectionString ?? string.Empty);
        }
        catch (ArgumentException ex)
        {
            throw new StartupException(
                $"Redis:ConnectionString is not a valid StackExchange.Redis connection string ({ex.Message}); fix Redis:ConnectionString (environment: Redis__ConnectionString).");
        }

        configuration.AbortOnConnectFail = true;

        // While the connection is down, fail commands at once instead of queueing them for the 5 s timeout: callers
        // have a degraded path (local limits, buffered positions) that is only useful if they learn of the outage fast.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;

        // Try to reconnect every second rather than backing off to tens of seconds: buffered positions and local
        // rate limits are the degraded path, and they should end as soon as Redis is back.
        configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        try
        {
            _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        catch (RedisConnectionException ex)
        {
            throw new StartupException(
                $"cannot reach Redis at {Description}: {ex.FailureType}; start Redis there or point Redis:ConnectionString at a running server.");
        }
    }

    // One instance is registered under several service types, so the container disposes it more than once.
    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_multiplexer is not null)
        {
            await _multiplexer.CloseAsync();
            _multiplexer.Dispose();
        }
    }
}
