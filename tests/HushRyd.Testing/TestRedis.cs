using System.Diagnostics;
using System.Net;
using HushRyd.Platform.Redis;
using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Garnet;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit;

namespace HushRyd.Testing;

/// <summary>A real Redis-protocol server for one test: embedded Garnet or a redis-server child process.</summary>
public sealed class TestRedis : IAsyncDisposable
{
    private readonly IAsyncDisposable? _garnet;
    private readonly Process? _process;
    private readonly TempDirectory _directory;

    private TestRedis(TempDirectory directory, string connectionString, IConnectionMultiplexer multiplexer, IAsyncDisposable? garnet, Process? process)
    {
        _directory = directory;
        ConnectionString = connectionString;
        Multiplexer = multiplexer;
        _garnet = garnet;
        _process = process;
    }

    public string ConnectionString { get; }

    public IConnectionMultiplexer Multiplexer { get; }

    public static string? RedisServerPath { get; } = FindOnPath("redis-server");

    /// <summary>Skips the calling test, with the reason printed, when the backend cannot run here.</summary>
    public static void SkipUnlessAvailable(RedisBackend backend) =>
        Skip.If(backend == RedisBackend.RedisServer && RedisServerPath is null, "redis-server is not on PATH (CI installs it with apt-get install redis-server); this case ran on Garnet only.");

    public static async Task<TestRedis> StartAsync(RedisBackend backend)
    {
        SkipUnlessAvailable(backend);
        var directory = new TempDirectory();
        return backend == RedisBackend.Garnet ? await StartGarnetAsync(directory) : await StartRedisServerAsync(directory);
    }

    /// <summary>The connection string carries the data directory's Garnet password.</summary>
    public static async Task<(EmbeddedGarnet Garnet, string ConnectionString)> StartGarnetOnAsync(string dataDirectory, RedisOptions? options = null)
    {
        var garnet = new EmbeddedGarnet(
            Options.Create(new EmbeddedRuntimeOptions { DataDirectory = dataDirectory }),
            Options.Create(options ?? new RedisOptions { EmbeddedMemory = "64m" }),
            NullLogger<EmbeddedGarnet>.Instance);
        await garnet.StartAsync(CancellationToken.None);
        return (garnet, garnet.Multiplexer.Configuration);
    }

    /// <summary>Connects to the embedded Garnet a server process runs on <paramref name="port"/> (Redis:EmbeddedPort), with its data directory's password.</summary>
    public static async Task<ConnectionMultiplexer> ConnectToServerGarnetAsync(string dataDirectory, int port, bool allowAdmin = false) =>
        await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, port } },
            Password = await File.ReadAllTextAsync(Path.Combine(EmbeddedGarnet.DirectoryIn(dataDirectory), GarnetSecret.FileName)),
            AllowAdmin = allowAdmin,
        });

    private static async Task<TestRedis> StartGarnetAsync(TempDirectory directory)
    {
        var (garnet, connectionString) = await StartGarnetOnAsync(directory.Path);
        return new TestRedis(directory, connectionString, garnet.Multiplexer, garnet, null);
    }

    private static async Task<TestRedis> StartRedisServerAsync(TempDirectory directory)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(RedisServerPath!)
        {
            ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var connectionString = $"127.0.0.1:{port},abortConnect=false";
        ConnectionMultiplexer? multiplexer = null;
        var up = await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    multiplexer ??= await ConnectionMultiplexer.ConnectAsync(connectionString);
                    await multiplexer.GetDatabase().PingAsync();
                    return true;
                }
                catch (RedisConnectionException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(10));
        Assert.True(up, $"redis-server did not answer on port {port}");
        return new TestRedis(directory, connectionString, multiplexer!, null, process);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        if (_garnet is not null)
        {
            await _garnet.DisposeAsync();
        }
        else
        {
            await Multiplexer.CloseAsync();
            Multiplexer.Dispose();
        }

        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        _directory.Dispose();
    }
}
