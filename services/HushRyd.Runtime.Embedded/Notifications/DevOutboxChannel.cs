using System.Text.Json;
using HushRyd.Platform.Notifications;
using Microsoft.Extensions.Options;

namespace HushRyd.Runtime.Embedded.Notifications;

/// <summary>
/// The development and test provider: every message is appended as one JSON line to
/// <c>&lt;data-dir&gt;/outbox/&lt;channel&gt;.jsonl</c> instead of leaving the machine, so a developer
/// (or a test) reads the OTP an SMS would have carried.
/// </summary>
public sealed class DevOutboxChannel(IOptions<EmbeddedRuntimeOptions> options, TimeProvider time) : INotificationChannel, IDisposable
{
    public const string ProviderName = "dev-outbox";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _append = new(1, 1);

    public string Provider => ProviderName;

    public string Directory { get; } = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "outbox"));

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entry = new OutboxEntry(message.To, message.Body, ChannelName(message.Channel), ProviderName, time.GetUtcNow(), message.Subject);
        var line = JsonSerializer.Serialize(entry, Json) + "\n";
        await _append.WaitAsync(cancellationToken);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            await File.AppendAllTextAsync(FileFor(entry.Channel), line, cancellationToken);
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
            var file = FileFor(name);
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                if (JsonSerializer.Deserialize<OutboxEntry>(line, Json) is { } entry && (to is null || entry.To == to))
                {
                    entries.Add(entry);
                }
            }
        }

        return entries.OrderByDescending(e => e.At).Take(limit).ToList();
    }

    public static string ChannelName(NotificationChannelKind channel) => channel.ToString().ToLowerInvariant();

    private string FileFor(string channel) => Path.Combine(Directory, channel + ".jsonl");

    public void Dispose() => _append.Dispose();
}
