using System.Text.Json;
using HushRyd.Platform.Notifications;
using Microsoft.Extensions.Options;

namespace HushRyd.Runtime.Embedded.Notifications;

/// <summary>
/// Where messages go in development and tests: every message is appended as one JSON line to
/// <c>&lt;data-dir&gt;/outbox/&lt;channel&gt;.jsonl</c> instead of leaving the machine, so a developer
/// (or a test) reads the OTP an SMS would have carried. Like a provider that honours idempotency keys,
/// it accepts a key once and answers a repeat with the first message's id.
/// </summary>
public sealed class DevOutbox(IOptions<EmbeddedRuntimeOptions> options, TimeProvider time) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _append = new(1, 1);
    private readonly Dictionary<string, Dictionary<string, string>> _sentKeys = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "outbox"));

    /// <returns>The message id: a new one, or the one first given for the same idempotency key.</returns>
    public async Task<string> AppendAsync(OutgoingMessage message, string provider, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var channel = ChannelName(message.Channel);
        await _append.WaitAsync(cancellationToken);
        try
        {
            var sent = await SentKeysAsync(channel, cancellationToken);
            var key = provider + "/" + idempotencyKey;
            if (sent.TryGetValue(key, out var earlier))
            {
                return earlier;
            }

            var messageId = $"{provider}-{Guid.NewGuid():N}";
            var entry = new OutboxEntry(message.To, message.Body, channel, provider, time.GetUtcNow(), message.Subject, messageId, idempotencyKey);
            System.IO.Directory.CreateDirectory(Directory);
            await File.AppendAllTextAsync(FileFor(channel), JsonSerializer.Serialize(entry, Json) + "\n", cancellationToken);
            sent[key] = messageId;
            return messageId;
        }
        finally
        {
            _append.Release();
        }
    }

    /// <summary>The newest messages first, optionally for one channel and recipient.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ReadAsync(NotificationChannelKind? channel, string? to, int limit, CancellationToken cancellationToken)
    {
        var channels = channel is { } one ? [one] : Enum.GetValues<NotificationChannelKind>();
        var entries = new List<OutboxEntry>();
        foreach (var name in channels.Select(ChannelName))
        {
            entries.AddRange((await ReadFileAsync(name, cancellationToken)).Where(entry => to is null || entry.To == to));
        }

        return entries.OrderByDescending(e => e.At).Take(limit).ToList();
    }

    public static string ChannelName(NotificationChannelKind channel) => channel.ToString().ToLowerInvariant();

    private async Task<Dictionary<string, string>> SentKeysAsync(string channel, CancellationToken cancellationToken)
    {
        if (!_sentKeys.TryGetValue(channel, out var sent))
        {
            // Keys sent before a restart still count: a job redelivered after a crash is not sent twice.
            sent = (await ReadFileAsync(channel, cancellationToken))
                .Where(entry => entry.IdempotencyKey is not null && entry.MessageId is not null)
                .GroupBy(entry => entry.Provider + "/" + entry.IdempotencyKey, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First().MessageId!, StringComparer.Ordinal);
            _sentKeys[channel] = sent;
        }

        return sent;
    }

    private async Task<List<OutboxEntry>> ReadFileAsync(string channel, CancellationToken cancellationToken)
    {
        var file = FileFor(channel);
        if (!File.Exists(file))
        {
            return [];
        }

        var entries = new List<OutboxEntry>();
        foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
        {
            if (Parse(line) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static OutboxEntry? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<OutboxEntry>(line, Json);
        }
        catch (JsonException)
        {
            // A crash can cut a line short; the message on it was never acknowledged.
            return null;
        }
    }

    private string FileFor(string channel) => Path.Combine(Directory, channel + ".jsonl");

    public void Dispose() => _append.Dispose();
}
