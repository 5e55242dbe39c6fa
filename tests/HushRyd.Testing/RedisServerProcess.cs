using System.Diagnostics;
using StackExchange.Redis;
using Xunit;

namespace HushRyd.Testing;

/// <summary>A redis-server child process on a fixed port that a test can kill (SIGKILL) and start again, as in an outage.</summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private Process? _process;

    private RedisServerProcess(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Starts redis-server; skips the calling test, with the reason, where it is not installed.</summary>
    public static async Task<RedisServerProcess> StartAsync()
    {
        TestRedis.SkipUnlessAvailable(RedisBackend.RedisServer);
        var server = new RedisServerProcess(FreePort.Next());
        await server.RestartAsync();
        return server;
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts it again on the same port, empty (no persistence): a failed-over or restarted cache.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _process = Process.Start(new ProcessStartInfo(TestRedis.RedisServerPath!)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var up = await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    await using var probe = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
                    await probe.GetDatabase().PingAsync();
                    return true;
                }
                catch (RedisConnectionException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(10));
        Assert.True(up, $"redis-server did not answer on port {Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _directory.Dispose();
    }
}
