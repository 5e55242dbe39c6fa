using System.Text.Json;
using HushRyd.Platform.Realtime;

namespace HushRyd.Realtime.FanOut;

/// <summary>
/// Reads a message from a seed channel into an event name and its data as the publisher wrote it (camelCase JSON), and
/// turns that data into plain values (dictionaries, lists, strings, numbers) for whoever needs objects rather than JSON.
/// </summary>
internal static class ChannelPayload
{
    /// <returns>Null when the message is not a JSON object.</returns>
    public static (string Event, JsonElement Data)? Read(string channel, ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String && root.TryGetProperty("data", out var data))
            {
                return (name.GetString()!, data.Clone());
            }

            return (RealtimeRooms.DefaultEventOf(channel), root.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
