using HushRyd.Realtime.FanOut;

namespace HushRyd.Realtime.Rooms;

/// <summary>
/// Joins and leaves rooms on this node and keeps the node subscribed to a room's channel exactly while it has members
/// here. A join returns once the subscription stands, so whatever is published after it reaches the new member.
/// </summary>
internal sealed class RoomMembership(LocalRooms rooms, ChannelSubscriptions subscriptions)
{
    public async Task JoinAsync(string room, IRoomMember member)
    {
        rooms.Add(room, member);
        await subscriptions.ReconcileAsync(room);
    }

    public async Task LeaveAsync(string room, IRoomMember member)
    {
        if (rooms.Remove(room, member) && !rooms.HasMembers(room))
        {
            await subscriptions.ReconcileAsync(room);
        }
    }
}
