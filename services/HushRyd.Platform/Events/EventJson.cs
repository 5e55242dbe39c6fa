using System.Text.Json;

namespace HushRyd.Platform.Events;

/// <summary>The one wire format for event payloads in every runtime.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return JsonSerializer.SerializeToUtf8Bytes(integrationEvent, integrationEvent.GetType(), Options);
    }

    public static IntegrationEvent Deserialize(ReadOnlySpan<byte> payload, Type eventType) =>
        (IntegrationEvent?)JsonSerializer.Deserialize(payload, eventType, Options)
        ?? throw new JsonException($"Event payload for {eventType.Name} is null.");
}
