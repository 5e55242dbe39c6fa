using System.Collections.Concurrent;

namespace HushRyd.Realtime.Rooms;

/// <summary>This node's hub connections by id.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, ConnectionMember> _connections = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ICollection<ConnectionMember> All => _connections.Values;

    /// <summary>Each connection in turn, without copying them all first as <see cref="All"/> does.</summary>
    public IEnumerable<ConnectionMember> Each()
    {
        foreach (var (_, member) in _connections)
        {
            yield return member;
        }
    }

    public void Add(ConnectionMember member)
    {
        if (_connections.TryAdd(member.ConnectionId, member))
        {
            Interlocked.Increment(ref _count);
        }
    }

    public bool TryRemove(string connectionId, out ConnectionMember? member)
    {
        if (_connections.TryRemove(connectionId, out member))
        {
            Interlocked.Decrement(ref _count);
            return true;
        }

        return false;
    }

    public ConnectionMember? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);
}
