using System.Diagnostics.Metrics;
using HushRyd.Platform.Redis;
using HushRyd.Realtime;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Stats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.UnitTests.Realtime;

public sealed class NodeStatsPublisherTests
{
    [Fact]
    public async Task Stopping_after_the_hosts_shutdown_closed_the_redis_connection_does_not_fail_the_shutdown()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var closed = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=100");
        await closed.DisposeAsync();
        var (connections, rooms) = (new ConnectionRegistry(), new LocalRooms());
        var publisher = new NodeStatsPublisher(
            new ClosedRedis(closed), new NodeIdentity("node-a"), connections, rooms,
            new RealtimeMetrics(services.GetRequiredService<IMeterFactory>(), connections, rooms),
            Options.Create(new RealtimeOptions()), TimeProvider.System, NullLogger<NodeStatsPublisher>.Instance);

        await publisher.StopAsync(CancellationToken.None);
    }

    private sealed class ClosedRedis(IConnectionMultiplexer multiplexer) : IRedisConnection
    {
        public string Description => "closed";

        public IConnectionMultiplexer Multiplexer => multiplexer;
    }
}
