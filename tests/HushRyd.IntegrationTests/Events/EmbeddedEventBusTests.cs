using HushRyd.Platform.Events;
using HushRyd.Runtime.Embedded.Events;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.Events;

public sealed class EmbeddedEventBusTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _directory = new();
    private readonly DeliveryLog _log = new();

    [Fact]
    public async Task Every_published_event_reaches_every_subscription_of_its_topic()
    {
        using var host = await StartAsync(services => services
            .AddEventSubscription<RideRequested, RecordingHandler>()
            .AddEventSubscription<RideRequested, FlakyHandler>());
        var bus = host.Services.GetRequiredService<IEventBus>();

        var events = Enumerable.Range(0, 200).Select(n => new RideRequested(n)).ToArray();
        await Task.WhenAll(events.Select(e => bus.PublishAsync(e)));

        var allDelivered = await Eventually.HoldsAsync(() => Task.FromResult(_log.Delivered(nameof(RecordingHandler)) == 200 && _log.Delivered(nameof(FlakyHandler)) == 200), Patience);
        var log = host.Services.GetRequiredService<SqliteEventLog>();
        Assert.True(allDelivered, $"delivered {_log.Delivered(nameof(RecordingHandler))} and {_log.Delivered(nameof(FlakyHandler))} of 200 each; {_log.Attempts.Values.Sum()} attempts; {await log.CountPendingAsync(CancellationToken.None)} deliveries pending");
        Assert.All(events, e => Assert.Equal(3, _log.AttemptsOf(nameof(FlakyHandler), e.Id)));

        // A handler returns before its acknowledgement commits, so the log empties just after the last delivery.
        Assert.True(await Eventually.HoldsAsync(async () => await log.CountPendingAsync(CancellationToken.None) == 0, Patience));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_dead_lettered_after_the_configured_attempts_without_blocking_others()
    {
        using var host = await StartAsync(
            services => services
                .AddEventSubscription<RideRequested, BrokenHandler>()
                .AddEventSubscription<RideRequested, RecordingHandler>(),
            new Dictionary<string, string?> { ["EventBus:MaxAttempts"] = "4" });
        var bus = host.Services.GetRequiredService<IEventBus>();
        var ride = new RideRequested(7);

        await bus.PublishAsync(ride);

        var log = host.Services.GetRequiredService<SqliteEventLog>();
        Assert.True(await Eventually.HoldsAsync(async () => (await log.GetDeadLettersAsync(10, CancellationToken.None)).Count == 1, Patience));
        var deadLetter = Assert.Single(await log.GetDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(ride.Id.ToString(), deadLetter.EventId);
        Assert.Equal("RideRequested/BrokenHandler", deadLetter.Subscription);
        Assert.Equal(4, deadLetter.Attempts);
        Assert.Contains("never succeeds", deadLetter.LastError, StringComparison.Ordinal);
        Assert.Equal(4, _log.AttemptsOf(nameof(BrokenHandler), ride.Id));
        Assert.Equal(1, _log.Deliveries[(nameof(RecordingHandler), ride.Id)]);
        Assert.Equal(0, await log.CountPendingAsync(CancellationToken.None));
        await host.StopAsync();
    }

    [Fact]
    public async Task Publishing_the_same_event_twice_delivers_it_once()
    {
        using var host = await StartAsync(services => services.AddEventSubscription<RideRequested, RecordingHandler>());
        var bus = host.Services.GetRequiredService<IEventBus>();
        var ride = new RideRequested(1);
        var other = new RideRequested(2);

        await bus.PublishAsync(ride);
        await bus.PublishAsync(ride with { });
        await bus.PublishAsync(other);

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(_log.Delivered(nameof(RecordingHandler)) == 2), Patience));
        await Task.Delay(300);
        Assert.Equal(1, _log.Deliveries[(nameof(RecordingHandler), ride.Id)]);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_event_published_again_after_it_was_delivered_is_ignored_within_the_deduplication_window_only()
    {
        using var host = await StartAsync(
            services => services.AddEventSubscription<RideRequested, RecordingHandler>(),
            new Dictionary<string, string?> { ["EventBus:DeduplicationWindow"] = "00:00:02" });
        var bus = host.Services.GetRequiredService<IEventBus>();
        var log = host.Services.GetRequiredService<SqliteEventLog>();
        var ride = new RideRequested(4);

        await bus.PublishAsync(ride);
        Assert.True(await Eventually.HoldsAsync(async () => await log.CountPendingAsync(CancellationToken.None) == 0, Patience));
        await bus.PublishAsync(ride with { });
        await Task.Delay(300);
        var withinWindow = _log.Deliveries[(nameof(RecordingHandler), ride.Id)];
        await Task.Delay(TimeSpan.FromSeconds(2));
        await bus.PublishAsync(ride with { });

        Assert.Equal(1, withinWindow);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(_log.Deliveries[(nameof(RecordingHandler), ride.Id)] == 2), Patience));
        await host.StopAsync();
    }

    [Fact]
    public async Task Deliveries_left_pending_at_shutdown_are_made_after_restart_on_the_same_data()
    {
        var events = Enumerable.Range(0, 20).Select(n => new RideRequested(n)).ToArray();
        using (var first = await StartAsync(
            services => services.AddSingleton(new Gate()).AddEventSubscription<RideRequested, GatedHandler>(),
            new Dictionary<string, string?> { ["EventBus:HandlerTimeout"] = "00:00:01" }))
        {
            var bus = first.Services.GetRequiredService<IEventBus>();
            await Task.WhenAll(events.Select(e => bus.PublishAsync(e)));
            using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await first.StopAsync(impatient.Token);
        }

        Assert.Equal(0, _log.Delivered(nameof(GatedHandler)));
        var gate = new Gate();
        gate.Opened.SetResult();
        using var second = await StartAsync(services => services.AddSingleton(gate).AddEventSubscription<RideRequested, GatedHandler>());

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(_log.Delivered(nameof(GatedHandler)) == events.Length), Patience));
        await second.StopAsync();
    }

    [Fact]
    public async Task An_event_without_subscribers_is_accepted_and_stored_nowhere()
    {
        using var host = await StartAsync(_ => { });

        await host.Services.GetRequiredService<IEventBus>().PublishAsync(new RideRequested(3));

        Assert.Equal(0, await host.Services.GetRequiredService<SqliteEventLog>().CountPendingAsync(CancellationToken.None));
        await host.StopAsync();
    }

    private Task<IHost> StartAsync(Action<IServiceCollection> configure, IDictionary<string, string?>? settings = null) =>
        EmbeddedRuntimeHost.StartAsync(_directory.Path, services =>
        {
            services.AddSingleton(_log);
            configure(services);
        }, settings);

    public void Dispose() => _directory.Dispose();
}
