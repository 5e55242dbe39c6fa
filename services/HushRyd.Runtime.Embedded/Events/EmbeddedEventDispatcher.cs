using System.Collections.Concurrent;
using HushRyd.Platform.Events;
using HushRyd.Platform.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Runtime.Embedded.Events;

/// <summary>
/// Delivers due events to their handlers, at least once: a delivery row is removed only after the handler
/// returned, so a crash at any point means redelivery after restart, never loss. Failures back off
/// exponentially; after <see cref="EmbeddedEventBusOptions.MaxAttempts"/> the delivery is dead-lettered.
/// </summary>
public sealed class EmbeddedEventDispatcher(
    SqliteEventLog log,
    IEnumerable<EventSubscription> subscriptions,
    EventDispatchSignal signal,
    EventBusMetrics metrics,
    IServiceProvider services,
    IOptions<EmbeddedEventBusOptions> options,
    TimeProvider time,
    ILogger<EmbeddedEventDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, EventSubscription> _subscriptions = subscriptions.ToDictionary(s => s.Name, StringComparer.Ordinal);
    private readonly InFlightWork<(long, string)> _inFlight = new();

    // A fetch that began before a delivery finished may still see its row; such stale rows are skipped.
    private readonly ConcurrentDictionary<(long, string), long> _finishedDuringFetch = new();
    private long _fetchGeneration;
    private readonly EmbeddedEventBusOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDeliveries);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The dispatcher must outlive a transient storage error; it retries on the next poll.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Event dispatch loop failed; retrying after the poll interval");
                await Task.Delay(_options.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Graceful shutdown: deliveries already handed to handlers finish and are acknowledged.
        await _inFlight.WhenAllFinished().WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    private async Task DispatchDueAsync(CancellationToken stoppingToken)
    {
        var generation = Interlocked.Increment(ref _fetchGeneration);
        var due = await log.FetchDueAsync(_options.MaxConcurrentDeliveries * 2, stoppingToken);
        foreach (var (key, finishedAt) in _finishedDuringFetch)
        {
            if (finishedAt < generation)
            {
                _finishedDuringFetch.TryRemove(key, out _);
            }
        }

        foreach (var delivery in due)
        {
            if (_inFlight.IsRunning(delivery.Key) || _finishedDuringFetch.ContainsKey(delivery.Key))
            {
                continue;
            }

            await _slots.WaitAsync(stoppingToken);
            _inFlight.Start(delivery.Key, () => DeliverAsync(delivery));
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery)
    {
        try
        {
            var error = await InvokeAsync(delivery);
            if (error is null)
            {
                await log.AcknowledgeAsync(delivery);
                metrics.Delivered(delivery.Topic);
            }
            else if (delivery.Attempts + 1 >= _options.MaxAttempts || !_subscriptions.ContainsKey(delivery.Subscription))
            {
                await log.DeadLetterAsync(delivery, error);
                metrics.DeadLettered(delivery.Topic);
                logger.LogError("Event {EventId} on {Topic} dead-lettered for {Subscription} after {Attempts} attempts: {Error}", delivery.EventId, delivery.Topic, delivery.Subscription, delivery.Attempts + 1, error);
            }
            else
            {
                var delay = RetryBackoff.Delay(delivery.Attempts + 1, _options.InitialBackoff, _options.MaxBackoff, Random.Shared.NextDouble());
                await log.RescheduleAsync(delivery, time.GetUtcNow() + delay, error);
                metrics.Retried(delivery.Topic);
                logger.LogWarning("Event {EventId} on {Topic} failed for {Subscription} (attempt {Attempt}); retrying in {Delay}: {Error}", delivery.EventId, delivery.Topic, delivery.Subscription, delivery.Attempts + 1, delay, error);
            }
        }
#pragma warning disable CA1031 // A failed acknowledgement leaves the row due; it is delivered again, which at-least-once allows.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Recording the outcome of event {EventId} for {Subscription} failed; it will be redelivered", delivery.EventId, delivery.Subscription);
        }
        finally
        {
            _finishedDuringFetch[delivery.Key] = Interlocked.Read(ref _fetchGeneration);
            _inFlight.Finished(delivery.Key);
            _slots.Release();
            signal.Wake();
        }
    }

    /// <returns>Null on success, otherwise why the delivery failed.</returns>
    private async Task<string?> InvokeAsync(PendingDelivery delivery)
    {
        if (!_subscriptions.TryGetValue(delivery.Subscription, out var subscription))
        {
            return $"no subscription named {delivery.Subscription} is registered";
        }

        using var timeout = new CancellationTokenSource(_options.HandlerTimeout);
        try
        {
            var integrationEvent = EventJson.Deserialize(delivery.Payload, subscription.EventType);
            await EventHandlerInvoker.InvokeAsync(services, subscription, integrationEvent, timeout.Token);
            return null;
        }
#pragma warning disable CA1031 // Any handler failure is a failed attempt, retried or dead-lettered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
