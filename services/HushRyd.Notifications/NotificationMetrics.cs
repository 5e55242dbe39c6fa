using System.Diagnostics;
using System.Diagnostics.Metrics;
using HushRyd.Notifications.Storage;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications;

/// <summary>Jobs and provider sends as counters; queue depths and breaker states are in <c>GET /admin/v1/queues</c> and as gauges.</summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "HushRyd.Notifications";

    private readonly Counter<long> _added;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _sends;
    private readonly Histogram<double> _latency;

    public NotificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _added = Meter.CreateCounter<long>("hushryd.notifications.jobs.added");
        _completed = Meter.CreateCounter<long>("hushryd.notifications.jobs.completed");
        _retried = Meter.CreateCounter<long>("hushryd.notifications.jobs.retried");
        _failed = Meter.CreateCounter<long>("hushryd.notifications.jobs.failed");
        _sends = Meter.CreateCounter<long>("hushryd.notifications.provider.sends");
        _latency = Meter.CreateHistogram<double>("hushryd.notifications.jobs.latency", "s", "From add to completion");
    }

    public Meter Meter { get; }

    public void Added(NotificationJob job) => _added.Add(1, Tags(job));

    public void Completed(NotificationJob job, TimeSpan sinceAdded)
    {
        _completed.Add(1, Tags(job));
        _latency.Record(sinceAdded.TotalSeconds, Tags(job));
    }

    public void Retried(NotificationJob job) => _retried.Add(1, Tags(job));

    public void Failed(NotificationJob job) => _failed.Add(1, Tags(job));

    public void Sent(string provider, string outcome) =>
        _sends.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome));

    private static TagList Tags(NotificationJob job) => new()
    {
        { "queue", JobStatusNames.Of(job.Queue) },
        { "priority", job.Priority.ToString().ToLowerInvariant() },
    };
}
