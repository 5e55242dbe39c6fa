using System.Text.Json;

namespace HushRyd.Testing;

/// <summary>What the embedded server's dev outbox has sent: one JSON line per message in <c>outbox/{channel}.jsonl</c>.</summary>
public static class OutboxFiles
{
    /// <summary>The SMS sent so far to <paramref name="phone"/>, oldest first.</summary>
    public static async Task<List<JsonElement>> SmsToAsync(string dataDirectory, string phone)
    {
        var file = Path.Combine(dataDirectory, "outbox", "sms.jsonl");
        if (!File.Exists(file))
        {
            return [];
        }

        var lines = await File.ReadAllLinesAsync(file);
        return lines.Where(line => line.EndsWith('}')).Select(line => JsonDocument.Parse(line).RootElement).Where(entry => entry.GetProperty("to").GetString() == phone).ToList();
    }

    /// <summary>The bodies of the SMS to <paramref name="phone"/>, once there are at least <paramref name="count"/> (within ten seconds; they go out through the queue).</summary>
    public static async Task<IReadOnlyList<string>> WaitForSmsAsync(string dataDirectory, string phone, int count = 1)
    {
        List<JsonElement> sent = [];
        await Eventually.HoldsAsync(async () => (sent = await SmsToAsync(dataDirectory, phone)).Count >= count, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        return sent.Select(entry => entry.GetProperty("body").GetString()!).ToList();
    }
}
