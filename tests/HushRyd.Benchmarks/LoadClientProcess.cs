using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HushRyd.Benchmarks;

/// <summary>
/// One realtime load client process (its own file limit, its own source address): this benchmark binary started again as
/// <c>realtime-load-client</c>, or the socket.io client on Node. Both speak the same lines: READY n once connected;
/// MEASURE t counts from then on what was sent at or after t; REPORT prints what was counted; STOP ends it.
/// </summary>
internal sealed class LoadClientProcess(Process process) : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static LoadClientProcess Start(string program, string? workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new LoadClientProcess(Process.Start(start)!);
    }

    /// <summary>CPU time the client process has used so far (zero once it has exited).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            try
            {
                return process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    public async Task<int> ReadyAsync() => int.Parse((await ReadLineStartingAsync("READY "))[6..], CultureInfo.InvariantCulture);

    public void Measure(long fromUnixMs) => Send("MEASURE " + fromUnixMs.ToString(CultureInfo.InvariantCulture));

    public async Task<RealtimeLoadReport> ReportAsync()
    {
        Send("REPORT");
        return JsonSerializer.Deserialize<RealtimeLoadReport>((await ReadLineStartingAsync("REPORT "))[7..], JsonOptions)!;
    }

    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            Send("STOP");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Send(string line)
    {
        process.StandardInput.WriteLine(line);
        process.StandardInput.Flush();
    }

    private async Task<string> ReadLineStartingAsync(string prefix)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"The load client exited ({process.ExitCode}) before printing {prefix.Trim()}.");
    }
}
