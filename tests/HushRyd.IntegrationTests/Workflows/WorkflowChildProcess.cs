using System.Diagnostics;
using HushRyd.WorkflowTestHost;

namespace HushRyd.IntegrationTests.Workflows;

/// <summary>The workflow test host as a child process, to be killed with SIGKILL the way a crash or OOM kill ends a server.</summary>
public sealed class WorkflowChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private WorkflowChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public static async Task<WorkflowChildProcess> StartAsync(string dataDirectory, params string[] arguments)
    {
        var child = Launch(dataDirectory, arguments);
        var ready = await Task.WhenAny(child._ready.Task, child._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (ready != child._ready.Task)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException("The workflow test host did not get ready:\n" + child.Output);
        }

        return child;
    }

    /// <summary>Runs a child that is expected to end by itself (it kills itself at a fault point); returns its output.</summary>
    public static async Task<string> RunUntilItDiesAsync(string dataDirectory, params string[] arguments)
    {
        await using var child = Launch(dataDirectory, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await child._process.WaitForExitAsync(timeout.Token);
        return child.Output;
    }

    private static WorkflowChildProcess Launch(string dataDirectory, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HushRyd.WorkflowTestHost.dll"));
        start.ArgumentList.Add(dataDirectory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new WorkflowChildProcess(Process.Start(start)!);
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line == WorkflowTestHostProgram.Ready)
        {
            _ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
