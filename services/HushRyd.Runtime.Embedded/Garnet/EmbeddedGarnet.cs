using System.Net;
using System.Net.Sockets;
using Garnet;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Runtime.Embedded.Garnet;

/// <summary>
/// Garnet in-process, speaking RESP on loopback, so the same StackExchange.Redis code runs here and
/// against Redis Cluster. Its append-only file lives under the data directory and is replayed at start.
/// </summary>
public sealed class EmbeddedGarnet(IOptions<EmbeddedRuntimeOptions> runtime, IOptions<RedisOptions> redis, ILogger<EmbeddedGarnet> logger)
    : IRedisConnection, IStartupTask, IAsyncDisposable
{
    private GarnetServer? _server;
    private ConnectionMultiplexer? _multiplexer;

    public string Description { get; private set; } = "embedded Garnet (not started)";

    public IConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new InvalidOperationException("Embedded Garnet is used before start-up started it.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(Path.Combine(runtime.Value.DataDirectory, "garnet"));
        Directory.CreateDirectory(directory);
        var port = redis.Value.EmbeddedPort > 0 ? redis.Value.EmbeddedPort : FreeLoopbackPort();
        if (redis.Value.EmbeddedAofCommitMs < 0)
        {
            throw new StartupException($"Redis:EmbeddedAofCommitMs is {redis.Value.EmbeddedAofCommitMs}; use 0 (write after every operation) or a positive number of milliseconds.");
        }

        try
        {
            _server = new GarnetServer(GarnetArguments(directory, port, redis.Value.EmbeddedMemory, redis.Value.EmbeddedAofCommitMs));
            _server.Start();
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidOperationException or ArgumentException)
        {
            throw new StartupException($"cannot start embedded Garnet on 127.0.0.1:{port} with data in {directory}: {ex.Message}; free the port (Redis:EmbeddedPort) or fix --data-dir.", ex);
        }

        Description = $"embedded Garnet at 127.0.0.1:{port}";
        _multiplexer = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=true");
        logger.LogInformation("Started {Redis} with its append-only file in {Directory}", Description, directory);
    }

    /// <remarks>
    /// RandomAccess: Garnet's default native device needs a newer glibc than Debian 12 and kills the process on the first flush.
    /// --recover: without it a restart ignores the append-only file.
    /// --aof-commit-freq: see <see cref="RedisOptions.EmbeddedAofCommitMs"/>.
    /// --lua-transaction-mode: without it Garnet does not run a script atomically, and two racing rate-limit
    /// checks can both pass the last free slot (seen in CI: 8 allowed of a budget of 7).
    /// </remarks>
    public static string[] GarnetArguments(string directory, int port, string memory, int aofCommitMs) =>
    [
        "--bind", "127.0.0.1",
        "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--lua",
        "--lua-transaction-mode",
        "--aof",
        "--aof-commit-freq", aofCommitMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--checkpointdir", directory,
        "--recover",
        "--device-type", "RandomAccess",
        "-m", memory,
        "-i", "64m",
        "--logger-level", "Warning",
        "-q",
    ];

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
            // Dispose does not commit the append-only file; without this the last writes are lost on a clean stop.
            await _server.Store.CommitAOFAsync(CancellationToken.None);
            _server.Dispose();
        }
    }
}
