using HushRyd.Notifications.Providers;
using HushRyd.Platform.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Notifications.Jobs;

/// <summary>Puts jobs a crash left active back in line, then runs the workers of every queue.</summary>
public sealed class NotificationWorkers(
    IJobStore store,
    ProviderChain providers,
    QueueSignals signals,
    NotificationMetrics metrics,
    IOptions<NotificationQueueOptions> options,
    TimeProvider time,
    ILogger<NotificationWorkers> logger) : BackgroundService
{
    private readonly List<QueueWorker> _workers = Enum.GetValues<NotificationChannelKind>()
        .Select(queue => new QueueWorker(queue, store, providers, signals, metrics, options.Value, time, logger))
        .ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requeued = await store.RequeueActiveAsync(stoppingToken);
        if (requeued > 0)
        {
            logger.LogWarning("{Count} notification jobs were active when the process last stopped; they are sent again", requeued);
        }

        await Task.WhenAll(_workers.Select(worker => worker.RunAsync(stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_workers.Select(worker => worker.DrainAsync())).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
