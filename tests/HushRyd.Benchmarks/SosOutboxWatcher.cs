using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using HushRyd.Runtime.Embedded.Notifications;

namespace HushRyd.Benchmarks;

/// <summary>
/// Tails the dev outbox while the server writes it and keeps, per recipient (SMS and push) and per alert (the desk's email,
/// whose subject names it), when the first SOS message went out: the provider's own timestamp, not the time it was read.
/// </summary>
internal sealed class SosOutboxWatcher(string dataDirectory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);

    /// <summary>First "SOS from" SMS and push per recipient.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> ContactSms { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DateTimeOffset> ContactPush { get; } = new(StringComparer.Ordinal);

    /// <summary>The desk's email per alert id.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> DeskEmail { get; } = new(StringComparer.Ordinal);

    /// <summary>The "it is over" SMS per recipient.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> ContactClosed { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ReadNew();
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        ReadNew();
    }

    private void ReadNew()
    {
        foreach (var channel in new[] { "sms", "push", "email" })
        {
            foreach (var entry in NewEntries(channel))
            {
                Record(entry);
            }
        }
    }

    private void Record(OutboxEntry entry)
    {
        switch (entry.Channel)
        {
            case "sms" when entry.Body.StartsWith("SOS from", StringComparison.Ordinal):
                ContactSms.TryAdd(entry.To, entry.At);
                break;
            case "sms" when entry.Body.Contains("resolved by the HushRyd safety desk", StringComparison.Ordinal):
                ContactClosed.TryAdd(entry.To, entry.At);
                break;
            case "push" when entry.Body.StartsWith("SOS from", StringComparison.Ordinal):
                ContactPush.TryAdd(entry.To, entry.At);
                break;
            case "email" when entry.Subject is { } subject && subject.StartsWith("SOS ", StringComparison.Ordinal):
                DeskEmail.TryAdd(subject["SOS ".Length..], entry.At);
                break;
        }
    }

    /// <summary>Whole lines appended since the last look; a line still being written is read next time.</summary>
    private List<OutboxEntry> NewEntries(string channel)
    {
        var file = Path.Combine(dataDirectory, "outbox", channel + ".jsonl");
        if (!File.Exists(file))
        {
            return [];
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var offset = _offsets.GetValueOrDefault(channel);
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[stream.Length - offset];
        stream.ReadExactly(buffer);
        var complete = Array.LastIndexOf(buffer, (byte)'\n') + 1;
        _offsets[channel] = offset + complete;
        return Encoding.UTF8.GetString(buffer, 0, complete)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<OutboxEntry>(line, Json)!)
            .ToList();
    }
}
