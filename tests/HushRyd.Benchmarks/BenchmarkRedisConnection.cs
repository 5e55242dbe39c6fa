using HushRyd.Platform.Redis;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>A connection the benchmark opened itself, for module code that takes an <see cref="IRedisConnection"/>.</summary>
internal sealed class BenchmarkRedisConnection(IConnectionMultiplexer multiplexer) : IRedisConnection
{
    public string Description => "benchmark Garnet";

    public IConnectionMultiplexer Multiplexer => multiplexer;
}
