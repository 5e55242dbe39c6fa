using System.Diagnostics;

namespace HushRyd.Benchmarks;

/// <summary>A Node.js program of the socket.io side, started in socketio/, that prints <paramref name="readyLine"/> when it can serve.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process) => _process = process;

    public StreamWriter Input => _process.StandardInput;

    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static async Task<NodeProcess> StartAsync(string directory, string readyLine, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var node = new NodeProcess(Process.Start(start)!);
        while (await node._process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == readyLine)
            {
                return node;
            }
        }

        node.Dispose();
        throw new InvalidOperationException($"node {string.Join(' ', arguments)} exited before printing {readyLine}.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
