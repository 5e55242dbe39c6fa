using System.Diagnostics.Metrics;

namespace HushRyd.Runtime.Embedded.Events;

public sealed class EventBusMetrics
{
    public const string MeterName = "HushRyd.Events";

    private readonly Counter<long> _published;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;

    public EventBusMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("hushryd.events.published");
        _delivered = meter.CreateCounter<long>("hushryd.events.delivered");
        _retried = meter.CreateCounter<long>("hushryd.events.retried");
        _deadLettered = meter.CreateCounter<long>("hushryd.events.dead_lettered");
    }

    public void Published(string topic) => _published.Add(1, new KeyValuePair<string, object?>("topic", topic));

    public void Delivered(string topic) => _delivered.Add(1, new KeyValuePair<string, object?>("topic", topic));

    public void Retried(string topic) => _retried.Add(1, new KeyValuePair<string, object?>("topic", topic));

    public void DeadLettered(string topic) => _deadLettered.Add(1, new KeyValuePair<string, object?>("topic", topic));
}
