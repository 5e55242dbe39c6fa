using Garnet;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>
/// Garnet in-process, speaking RESP on loopback behind a per-data-directory password, so the same StackExchange.Redis
/// code runs here and against Redis Cluster. Its append-only file and checkpoints live under the data directory and are
/// recovered at start; checkpoints keep the directory within <see cref="GarnetDiskBound"/>.
/// </summary>
public sealed class EmbeddedGarnet(IOptions<EmbeddedRuntimeOptions> runtime, IOptions<RedisOptions> redis, ILogger<EmbeddedGarnet> logger)
    : IRedisConnection, IStartupTask, IAsyncDisposable
{
    private GarnetServer? _server;
    private ConnectionMultiplexer? _multiplexer;

    public string Description { get; private set; } = "embedded Garnet (not started)";

    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Embedded Garnet is used before start-up started it.");

    /// <summary>Garnet's own directory inside a data directory: its AOF, checkpoints, password and layout files.</summary>
    public static string DirectoryIn(string dataDirectory) => Path.GetFullPath(Path.Combine(dataDirectory, "garnet"));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = redis.Value;
        var directory = DirectoryIn(runtime.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        var port = options.EmbeddedPort > 0 ? options.EmbeddedPort : LoopbackPort.Free();
        if (options.EmbeddedAofCommitMs < 0)
        {
            throw new StartupException($"Redis:EmbeddedAofCommitMs is {options.EmbeddedAofCommitMs}; use 0 (write after every operation) or a positive number of milliseconds.");
        }

        var bound = GarnetDiskBound.Bytes(options);
        var password = GarnetSecret.LoadOrCreate(directory);
        var layout = new GarnetLayout(options.EmbeddedAofSegmentSize);
        var written = GarnetLayout.WrittenIn(directory);
        if (written is null)
        {
            layout.WriteTo(directory);
        }
        else if (!written.SameAs(layout))
        {
            await GarnetLayoutMigration.RunAsync(directory, options, password, written, layout, logger);
        }

        _server = GarnetHost.Start(GarnetArguments.For(directory, port, options, password, layout.AofSegmentSize), port, directory);
        Description = $"embedded Garnet at 127.0.0.1:{port}";
        _multiplexer = await GarnetHost.ConnectAsync(port, password);
        logger.LogInformation("Started {Redis} with its append-only file and checkpoints in {Directory} (at most {BoundMegabytes} MB under a steady load)", Description, directory, bound >> 20);
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

        if (_server is not null)
        {
            await GarnetHost.StopAsync(_server);
        }
    }
}
