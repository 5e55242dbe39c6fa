using System.Collections.Concurrent;

namespace HushRyd.Realtime.Rooms;

/// <summary>
/// The rooms this node has members in. Members are kept in small immutable arrays replaced on change, so delivering
/// (many times a second per room) never takes a lock and joining (once per connection or trip) takes a short one.
/// </summary>
internal sealed class LocalRooms
{
    private readonly ConcurrentDictionary<string, IRoomMember[]> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count => _rooms.Count;

    public bool HasMembers(string room) => _rooms.ContainsKey(room);

    public int MemberCount(string room) => _rooms.TryGetValue(room, out var members) ? members.Length : 0;

    public IReadOnlyList<IRoomMember> Members(string room) => _rooms.TryGetValue(room, out var members) ? members : [];

    public bool Add(string room, IRoomMember member)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(room, out var members))
            {
                _rooms[room] = [member];
                return true;
            }

            if (Array.IndexOf(members, member) >= 0)
            {
                return false;
            }

            _rooms[room] = [.. members, member];
            return true;
        }
    }

    public bool Remove(string room, IRoomMember member)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(room, out var members) || Array.IndexOf(members, member) is var index && index < 0)
            {
                return false;
            }

            if (members.Length == 1)
            {
                _rooms.TryRemove(room, out _);
            }
            else
            {
                _rooms[room] = [.. members[..index], .. members[(index + 1)..]];
            }

            return true;
        }
    }

    /// <returns>How many members took the message.</returns>
    public int Deliver(string room, RoomMessage message)
    {
        if (!_rooms.TryGetValue(room, out var members))
        {
            return 0;
        }

        var delivered = 0;
        foreach (var member in members)
        {
            if (member.Deliver(message))
            {
                delivered++;
            }
        }

        return delivered;
    }
}
