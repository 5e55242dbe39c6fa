using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Stats;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HushRyd.Realtime.FanOut;

/// <summary>Hands what arrives on a room's channel to the room's members on this node.</summary>
internal sealed partial class ChannelDelivery(LocalRooms rooms, RealtimeMetrics metrics, ILogger<ChannelDelivery> logger)
{
    public void Deliver(string room, RedisValue payload)
    {
        metrics.Received();
        if (ChannelPayload.Read(Platform.Realtime.RealtimeRooms.ChannelOf(room), (byte[])payload!) is not { } message)
        {
            LogUnreadable(logger, room);
            return;
        }

        rooms.Deliver(room, new RoomMessage(message.Event, message.Data));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message for room {Room} is not a JSON object; dropped")]
    private static partial void LogUnreadable(ILogger logger, string room);
}
