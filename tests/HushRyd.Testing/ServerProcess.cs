using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HushRyd.Testing;

/// <summary>The real server binary, started as a child process, for end-to-end tests.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>The server's process id, for diagnostics tools (dotnet-gcdump, dotnet-counters).</summary>
    public int Id => _process.Id;

    /// <summary>Resident memory of the server process now.</summary>
    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>CPU time the server has used so far, user and kernel, all threads (embedded Garnet included).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>hushryd.dll beside the test assembly: the test projects reference the server project.</summary>
    public static string ServerAssembly { get; } = Path.Combine(AppContext.BaseDirectory, "hushryd.dll");

    public static ServerProcess Start(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] extraArguments)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        string[] arguments = ["--data-dir", dataDirectory, "--urls", baseAddress.ToString().TrimEnd('/'), .. extraArguments];
        return new ServerProcess(Launch(arguments, environment), baseAddress);
    }

    /// <summary>Runs the binary to completion (for command-line and start-up error cases).</summary>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToExitAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Launch(arguments, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public async Task<HttpClient> WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var ready = await Eventually.HoldsAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The server exited with {_process.ExitCode} before it was ready:\n{Output}");
                }

                try
                {
                    using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            timeout ?? TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(100));
        if (!ready)
        {
            client.Dispose();
            throw new TimeoutException($"The server was not ready within the timeout:\n{Output}");
        }

        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes sends it, then waits for the process to finish shutting down.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        _ = SysKill(_process.Id, SigTerm);
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    private static Process Launch(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Auth__AdminPhones__0"] = TestLogin.AdminPhone;
        for (var i = 0; i < TestLogin.DriverPhones.Count; i++)
        {
            start.Environment[$"Auth__DriverPhones__{i}"] = TestLogin.DriverPhones[i];
        }

        // Tests of other behaviour send bursts; the rate-limit tests put the seed's limits back explicitly.
        start.Environment["RateLimits__Default"] = "1000000";
        start.Environment["RateLimits__Authenticated"] = "1000000";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
