using System.Collections.Concurrent;
using System.Threading.Channels;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Redis;
using HushRyd.Realtime.Rooms;
using HushRyd.Realtime.Stats;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace HushRyd.Realtime.FanOut;

/// <summary>
/// Keeps this node subscribed to the channel of every trip and desk room it has members in, and to no other (ADR 0008):
/// Redis then sends a node only the positions its members need. One loop owns the subscriptions; it applies the rooms
/// whose membership changed in batches, each room at most once per batch, so subscribe and unsubscribe for one room
/// never race. Each channel has its own ordered queue: a trip's positions arrive in the order they were published.
/// User rooms, one per connection, share one ordered pattern subscription (<c>user:*</c>) instead: a queue per channel
/// holds about 2.5 KiB, a tenth of what a whole connection may cost, and user channels carry only notifications.
/// </summary>
internal sealed class ChannelSubscriptions(IRedisConnection redis, LocalRooms rooms, ChannelDelivery delivery, ClusterRooms clusterRooms)
    : BackgroundService
{
    private const int MaxBatch = 1024;

    private readonly Channel<Request> _requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ChannelMessageQueue> _subscribed = new(StringComparer.Ordinal);

    // Only the loop touches it: started by the first user room, started again if that failed.
    private Task? _users;

    /// <summary>Subscribes to the room's channel if it has members here and unsubscribes if not; completes when done.</summary>
    public Task ReconcileAsync(string room)
    {
        var request = new Request(room, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_requests.Writer.TryWrite(request))
        {
            request.Done.SetException(new InvalidOperationException("The realtime node is shutting down."));
        }

        return request.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Request>(MaxBatch);
        while (await _requests.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _requests.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            var applied = Task.WhenAll(batch.Select(r => r.Room).Distinct(StringComparer.Ordinal).Select(ApplyAsync));
            try
            {
                await applied;
                batch.ForEach(r => r.Done.TrySetResult());
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                batch.ForEach(r => r.Done.TrySetException(ex));
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _requests.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task ApplyAsync(string room)
    {
        var wanted = rooms.HasMembers(room);
        if (room.StartsWith(RealtimeChannels.UserPrefix, StringComparison.Ordinal))
        {
            await ApplyUserAsync(room, wanted);
        }
        else if (wanted && !_subscribed.ContainsKey(room))
        {
            var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RealtimeRooms.ChannelOf(room)));
            queue.OnMessage(message => delivery.Deliver(room, message.Message));
            _subscribed[room] = queue;
            clusterRooms.Added(room);
        }
        else if (!wanted && _subscribed.TryRemove(room, out var queue))
        {
            await queue.UnsubscribeAsync();
            clusterRooms.Removed(room);
        }
    }

    private async Task ApplyUserAsync(string room, bool wanted)
    {
        if (!wanted)
        {
            clusterRooms.Removed(room);
            return;
        }

        if (_users is null || _users.IsFaulted || _users.IsCanceled)
        {
            _users = SubscribeUsersAsync();
        }

        await _users;
        clusterRooms.Added(room);
    }

    private async Task SubscribeUsersAsync()
    {
        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(RealtimeChannels.UserPrefix + "*"));
        queue.OnMessage(message =>
        {
            // Every node hears every user's notifications; most of those users are connected elsewhere.
            var room = message.Channel.ToString();
            if (rooms.HasMembers(room))
            {
                delivery.Deliver(room, message.Message);
            }
        });
    }

    private sealed record Request(string Room, TaskCompletionSource Done);
}
