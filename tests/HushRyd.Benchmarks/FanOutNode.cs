using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HushRyd.Testing;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace HushRyd.Benchmarks;

/// <summary>One SignalR node of the fan-out benchmark, in one of the two modes.</summary>
internal sealed class FanOutNode(WebApplication app, Uri baseAddress, FanOutMode mode) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public static async Task<FanOutNode> StartAsync(FanOutMode mode, string redis)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var signalR = builder.Services.AddSignalR();
        if (mode == FanOutMode.Backplane)
        {
            signalR.AddStackExchangeRedis(redis);
        }
        else
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis);
            builder.Services.AddSingleton<IConnectionMultiplexer>(multiplexer);
            builder.Services.AddSingleton<ChannelRooms>();
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<FanOutHub>("/hub");
        await app.StartAsync();
        return new FanOutNode(app, new Uri($"http://127.0.0.1:{port}"), mode);
    }

    /// <summary>What sends one update to a room: a Redis PUBLISH, or this node's hub context.</summary>
    public Func<string, Task> Publisher(IConnectionMultiplexer redis)
    {
        if (mode == FanOutMode.Channel)
        {
            var subscriber = redis.GetSubscriber();
            return room => subscriber.PublishAsync(RedisChannel.Literal(room), JsonSerializer.Serialize(Update(room)));
        }

        var hub = app.Services.GetRequiredService<IHubContext<FanOutHub>>();
        return room => hub.Clients.Group(room).SendAsync("location", Update(room));
    }

    private static object Update(string room) => new { tripId = room, lat = 12.9716, lng = 77.5946, speed = 40.0, timestamp = 1_764_000_000_000, sentAt = Stopwatch.GetTimestamp() };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed class FanOutHub(IServiceProvider services) : Hub
{
    public async Task Join(string room)
    {
        if (services.GetService<ChannelRooms>() is { } channels)
        {
            await channels.EnsureSubscribedAsync(room);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, room);
    }
}

/// <summary>The channel mode's node side: one ordered subscription per room with members here, delivering to the local group.</summary>
internal sealed class ChannelRooms(IConnectionMultiplexer redis, IHubContext<FanOutHub> hub)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _subscribed = new(StringComparer.Ordinal);

    public Task EnsureSubscribedAsync(string room) => _subscribed.GetOrAdd(room, r => new Lazy<Task>(() => SubscribeAsync(r))).Value;

    private async Task SubscribeAsync(string room)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(room));
        queue.OnMessage(message =>
        {
            var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>((string)message.Message!);
            return hub.Clients.Group(room).SendAsync("location", data);
        });
    }
}
