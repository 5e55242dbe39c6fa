using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HushRyd.Benchmarks;

/// <summary>
/// The login codes the dev outbox has sent, by phone, read as the outbox grows: signing in thousands of users by
/// re-reading the whole file for each would take longer than the benchmark.
/// </summary>
internal sealed partial class OutboxCodes(string dataDirectory) : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _latest = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private long _offset;
    private string _partial = string.Empty;

    /// <summary>The newest code sent to <paramref name="phone"/>, waiting up to ten seconds for one to arrive.</summary>
    public async Task<string> TakeAsync(string phone)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_latest.TryRemove(phone, out var code))
            {
                return code;
            }

            await ReadNewLinesAsync();
            if (!_latest.ContainsKey(phone))
            {
                await Task.Delay(5);
            }
        }

        throw new TimeoutException($"no login code reached the outbox for {phone}");
    }

    private async Task ReadNewLinesAsync()
    {
        if (!await _reading.WaitAsync(0))
        {
            return;
        }

        try
        {
            var file = Path.Combine(dataDirectory, "outbox", "sms.jsonl");
            if (!File.Exists(file))
            {
                return;
            }

            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(_offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = _partial + await reader.ReadToEndAsync();
            _offset = stream.Position;
            var lastNewLine = text.LastIndexOf('\n');
            _partial = text[(lastNewLine + 1)..];
            foreach (var line in text[..(lastNewLine + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var entry = JsonDocument.Parse(line);
                var to = entry.RootElement.GetProperty("to").GetString()!;
                _latest[to] = SixDigits().Match(entry.RootElement.GetProperty("body").GetString()!).Value;
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
