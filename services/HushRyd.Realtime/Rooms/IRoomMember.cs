namespace HushRyd.Realtime.Rooms;

/// <summary>Something on this node that receives what is sent to a room: a hub connection or a share-page stream.</summary>
internal interface IRoomMember
{
    /// <returns>False when the member could not take the message and was dropped.</returns>
    bool Deliver(RoomMessage message);
}
