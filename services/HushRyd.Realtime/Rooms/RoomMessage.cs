using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace HushRyd.Realtime.Rooms;

/// <summary>One event for a room's members, serialized at most once per hub protocol however many members there are.</summary>
internal sealed class RoomMessage(string eventName, object?[] arguments)
{
    private SerializedHubMessage? _serialized;

    public RoomMessage(string eventName, object? data)
        : this(eventName, [data])
    {
    }

    public string Event { get; } = eventName;

    /// <summary>The event's one argument, its data; what share streams send.</summary>
    public object? Data => arguments.Length > 0 ? arguments[0] : null;

    public SerializedHubMessage Serialized => _serialized ??= new SerializedHubMessage(new InvocationMessage(Event, arguments));
}
