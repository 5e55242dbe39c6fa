using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HushRyd.Benchmarks;

/// <summary>This benchmark binary started again as a realtime load client (its own file limit, its own source address).</summary>
internal sealed class LoadClientProcess(Process process)
{
    public static LoadClientProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(LoadClientProcess).Assembly.Location);
        start.ArgumentList.Add("realtime-load-client");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new LoadClientProcess(Process.Start(start)!);
    }

    public async Task<int> ReadyAsync() => int.Parse((await ReadLineStartingAsync("READY "))[6..], CultureInfo.InvariantCulture);

    public async Task<RealtimeLoadReport> ReportAsync()
    {
        var report = JsonSerializer.Deserialize<RealtimeLoadReport>((await ReadLineStartingAsync("REPORT "))[7..])!;
        await process.WaitForExitAsync();
        process.Dispose();
        return report;
    }

    public void Send(string line)
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
