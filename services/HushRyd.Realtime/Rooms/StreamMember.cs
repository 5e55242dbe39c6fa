using System.Threading.Channels;
using HushRyd.Realtime.Stats;

namespace HushRyd.Realtime.Rooms;

/// <summary>A server-sent-events stream as a room member: a bounded queue its response drains; a reader that falls behind is cut off.</summary>
internal sealed class StreamMember(int capacity, RealtimeMetrics metrics) : IRoomMember
{
    private readonly Channel<RoomMessage> _queue = Channel.CreateBounded<RoomMessage>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<RoomMessage> Reader => _queue.Reader;

    public bool Deliver(RoomMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            metrics.Delivered();
            return true;
        }

        if (_queue.Writer.TryComplete())
        {
            metrics.SlowClientDropped();
        }

        return false;
    }
}
