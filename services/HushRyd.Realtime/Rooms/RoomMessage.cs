using System.Text.Json;
using HushRyd.Realtime.FanOut;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace HushRyd.Realtime.Rooms;

/// <summary>
/// One event for a room's members, serialized at most once per hub protocol however many members there are. An event
/// read from a seed channel keeps the publisher's JSON: JSON connections get those bytes as they came, without a round
/// trip through objects; MessagePack connections and share streams get plain values, converted once when first asked.
/// </summary>
internal sealed class RoomMessage
{
    private const string JsonProtocol = "json";

    private readonly JsonElement? _json;
    private object?[]? _arguments;
    private SerializedHubMessage? _serialized;
    private SerializedHubMessage? _serializedJson;

    public RoomMessage(string eventName, object?[] arguments)
    {
        Event = eventName;
        _arguments = arguments;
    }

    public RoomMessage(string eventName, JsonElement data)
    {
        Event = eventName;
        _json = data;
    }

    public string Event { get; }

    /// <summary>The event's one argument, its data; what share streams send.</summary>
    public object? Data => Arguments is [var first, ..] ? first : null;

    // Computed at most twice when two readers race for it: both results are equal.
    private object?[] Arguments => _arguments ??= [ChannelPayload.Plain(_json!.Value)];

    public SerializedHubMessage SerializedFor(IHubProtocol protocol) =>
        _json is { } json && protocol.Name == JsonProtocol
            ? _serializedJson ??= new SerializedHubMessage(new InvocationMessage(Event, [json]))
            : _serialized ??= new SerializedHubMessage(new InvocationMessage(Event, Arguments));
}
