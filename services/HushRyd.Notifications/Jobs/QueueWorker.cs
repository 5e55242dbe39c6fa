using HushRyd.Notifications.Providers;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Embedded.Events;
using Microsoft.Extensions.Logging;

namespace HushRyd.Notifications.Jobs;

/// <summary>
/// The workers of one queue: takes due jobs in priority order while it has free slots, sends each through the
/// provider chain, and records the outcome. A job is marked active before it is sent and finished after, so a
/// crash in between leaves it active, to be sent again after restart (at least once).
/// </summary>
public sealed class QueueWorker(
    NotificationChannelKind queue,
    IJobStore store,
    ProviderChain providers,
    QueueSignals signals,
    NotificationMetrics metrics,
    NotificationQueueOptions options,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);
    private readonly int _concurrency = options.ConcurrencyOf(queue);
    private readonly int _reserved = Math.Min(options.CriticalReservedSlots, options.ConcurrencyOf(queue) - 1);
    private readonly InFlightWork<string> _inFlight = new();
    private int _active;
    private int _activeNonCritical;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = _concurrency - Volatile.Read(ref _active);
                if (free > 0)
                {
                    var nonCriticalFree = Math.Clamp(_concurrency - _reserved - Volatile.Read(ref _activeNonCritical), 0, free);
                    foreach (var job in await store.ClaimAsync(queue, free, nonCriticalFree, stoppingToken))
                    {
                        Start(job);
                    }
                }

                await signals.WaitAsync(queue, await WaitTimeAsync(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The worker must outlive a transient storage error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "The {Queue} queue's worker failed; trying again shortly", queue);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Jobs already being sent finish and are recorded; none is cut off mid-send by a graceful stop.</summary>
    public Task DrainAsync() => _inFlight.WhenAllFinished();

    private async Task<TimeSpan> WaitTimeAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _active) >= _concurrency || await store.NextDueAsync(queue, cancellationToken) is not { } due)
        {
            return options.IdleWait;
        }

        var untilDue = due - time.GetUtcNow();
        return untilDue < MinimumWait ? MinimumWait : untilDue > options.IdleWait ? options.IdleWait : untilDue;
    }

    private void Start(NotificationJob job)
    {
        Interlocked.Increment(ref _active);
        if (job.Priority != JobPriority.Critical)
        {
            Interlocked.Increment(ref _activeNonCritical);
        }

        _inFlight.Start(job.Id, () => ProcessAsync(job));
    }

    private async Task ProcessAsync(NotificationJob job)
    {
        try
        {
            var delivery = await providers.DeliverAsync(job.Message, job.Id, CancellationToken.None);
            await RecordAsync(job, delivery);
        }
#pragma warning disable CA1031 // The job stays active and is sent again after restart, which at-least-once allows.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Recording the outcome of job {JobId} failed; it is sent again after restart", job.Id);
        }
        finally
        {
            _inFlight.Finished(job.Id);
            if (job.Priority != JobPriority.Critical)
            {
                Interlocked.Decrement(ref _activeNonCritical);
            }

            Interlocked.Decrement(ref _active);
            signals.Wake(queue);
        }
    }

    private async Task RecordAsync(NotificationJob job, Delivery delivery)
    {
        if (delivery.Sent)
        {
            await store.CompleteAsync(job, delivery.Provider!, delivery.MessageId!, delivery.Tries.Count > 1 ? delivery.Error : null);
            metrics.Completed(job, time.GetUtcNow() - job.CreatedAt);
        }
        else if (job.Attempts + 1 >= job.MaxAttempts)
        {
            await store.FailAsync(job, delivery.Error, delivery.Provider);
            metrics.Failed(job);
            logger.LogWarning("Job {JobId} on {Queue} failed after {Attempts} attempts: {Error}", job.Id, queue, job.Attempts + 1, delivery.Error);
        }
        else
        {
            var delay = RetryBackoff.Delay(job.Attempts + 1, options.InitialBackoff, options.MaxBackoff, Random.Shared.NextDouble());
            await store.RetryLaterAsync(job, time.GetUtcNow() + delay, delivery.Error, delivery.Provider);
            metrics.Retried(job);
        }
    }
}
