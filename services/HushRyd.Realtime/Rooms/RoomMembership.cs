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

    /// <summary>Puts a hub connection in a room, unless it is there already.</summary>
    public async Task JoinAsync(ConnectionMember member, string room)
    {
        if (member.TrackRoom(room, joined: true))
        {
            await JoinAsync(room, member);
        }
    }

    /// <summary>Takes a hub connection out of a room, if it is there.</summary>
    public async Task LeaveAsync(ConnectionMember member, string room)
    {
        if (member.TrackRoom(room, joined: false))
        {
            await LeaveAsync(room, member);
        }
    }

    /// <summary>A hub connection that ended: it takes no more messages and leaves all its rooms.</summary>
    public async Task EndAsync(ConnectionMember member)
    {
        member.Drop();
        foreach (var room in member.Rooms())
        {
            await LeaveAsync(room, member);
        }
    }
}
