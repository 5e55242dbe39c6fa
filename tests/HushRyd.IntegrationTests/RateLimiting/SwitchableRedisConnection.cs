using HushRyd.Platform.Redis;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.RateLimiting;

/// <summary>An IRedisConnection the test can point elsewhere, and that counts how often the limiter reached for Redis.</summary>
public sealed class SwitchableRedisConnection(IConnectionMultiplexer multiplexer) : IRedisConnection
{
    private int _uses;

    public IConnectionMultiplexer Target { get; set; } = multiplexer;

    public int Uses => Volatile.Read(ref _uses);

    public string Description => "test Redis";

    public IConnectionMultiplexer Multiplexer
    {
        get
        {
            Interlocked.Increment(ref _uses);
            return Target;
        }
    }

    /// <summary>A multiplexer to a port nothing listens on: a Redis that hangs, where each command waits for a connection that never comes.</summary>
    public static Task<ConnectionMultiplexer> HangingAsync() => ConnectAsync($"127.0.0.1:{FreePort.Next()}", BacklogPolicy.Default);

    /// <summary>A multiplexer whose commands fail at once while it has no connection, as after a refused or reset one.</summary>
    public static Task<ConnectionMultiplexer> FailingFastAsync(string endpoint) => ConnectAsync(endpoint, BacklogPolicy.FailFast);

    private static async Task<ConnectionMultiplexer> ConnectAsync(string endpoint, BacklogPolicy backlog)
    {
        var configuration = ConfigurationOptions.Parse(endpoint);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 200;
        configuration.BacklogPolicy = backlog;
        return await ConnectionMultiplexer.ConnectAsync(configuration);
    }
}
