namespace HushRyd.Platform.Realtime;

/// <summary>
/// The seed's <c>broadcastToRoom</c> and <c>broadcastToUser</c>: the event reaches the room's members on every realtime node,
/// whichever node or module sends it. Delivery is at most once, to the members connected when it arrives.
/// </summary>
public interface IRealtimeBroadcaster
{
    /// <summary>Sends <paramref name="eventName"/> to a room named by <see cref="RealtimeRooms"/>.</summary>
    Task BroadcastToRoomAsync(string room, string eventName, object data, CancellationToken cancellationToken);

    Task BroadcastToUserAsync(string userId, string eventName, object data, CancellationToken cancellationToken);
}
