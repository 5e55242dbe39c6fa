using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Providers;
using HushRyd.Notifications.Storage;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Api;

/// <summary>Builds the queue overview admins see and metrics export: counts, throughput, breaker states.</summary>
public sealed class QueueStatistics(IJobStore store, ProviderChain providers, ProviderFaults faults, TimeProvider time)
{
    private static readonly TimeSpan ThroughputWindow = TimeSpan.FromMinutes(1);

    public async Task<QueuesView> ReadAsync(CancellationToken cancellationToken)
    {
        var counts = await store.CountAsync(cancellationToken);
        var completed = await store.CompletedSinceAsync(time.GetUtcNow() - ThroughputWindow, cancellationToken);
        var queues = Enum.GetValues<NotificationChannelKind>().Select(queue =>
        {
            var ofQueue = counts.Where(c => c.Queue == queue).ToList();
            var priorities = Enum.GetValues<JobPriority>().ToDictionary(
                priority => priority.ToString().ToLowerInvariant(),
                priority => Sum(ofQueue.Where(c => c.Priority == priority)));
            var lastMinute = completed.GetValueOrDefault(queue);
            return new QueueView(JobStatusNames.Of(queue), priorities, Sum(ofQueue), lastMinute, Math.Round(lastMinute / ThroughputWindow.TotalSeconds, 2));
        }).ToList();
        return new QueuesView(queues, Providers());
    }

    public IReadOnlyList<ProviderView> Providers() =>
        providers.Breakers.Select(breaker =>
        {
            var route = ProviderNames.Find(breaker.Provider)!;
            return new ProviderView(
                route.Provider,
                JobStatusNames.Of(route.Channel),
                route.IsFallback ? "fallback" : "primary",
                breaker.State.ToString().ToLowerInvariant(),
                faults.ShareOf(route.Provider));
        }).ToList();

    private static StatusCountsView Sum(IEnumerable<QueueCount> counts)
    {
        var byStatus = counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return new StatusCountsView(
            byStatus.GetValueOrDefault(JobStatus.Waiting),
            byStatus.GetValueOrDefault(JobStatus.Active),
            byStatus.GetValueOrDefault(JobStatus.Completed),
            byStatus.GetValueOrDefault(JobStatus.Failed),
            byStatus.GetValueOrDefault(JobStatus.Delayed));
    }
}
