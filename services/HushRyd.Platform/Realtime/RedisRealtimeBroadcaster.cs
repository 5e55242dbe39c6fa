using System.Text.Json;
using HushRyd.Platform.Redis;
using StackExchange.Redis;

namespace HushRyd.Platform.Realtime;

/// <summary>Publishes on the room's seed channel; every realtime node subscribed to it delivers to its own members.</summary>
public sealed class RedisRealtimeBroadcaster(IRedisConnection redis) : IRealtimeBroadcaster
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task BroadcastToRoomAsync(string room, string eventName, object data, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new RealtimeEnvelope(eventName, data), Json);
        await redis.Multiplexer.GetSubscriber()
            .PublishAsync(RedisChannel.Literal(RealtimeRooms.ChannelOf(room)), payload)
            .WaitAsync(cancellationToken);
    }

    public Task BroadcastToUserAsync(string userId, string eventName, object data, CancellationToken cancellationToken) =>
        BroadcastToRoomAsync(RealtimeRooms.User(userId), eventName, data, cancellationToken);
}
