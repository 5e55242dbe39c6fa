using System.Diagnostics.Metrics;

namespace HushRyd.Location;

public sealed class LocationMetrics
{
    public const string MeterName = "HushRyd.Location";

    private readonly Counter<long> _updates;
    private readonly Histogram<double> _historyLag;

    public LocationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _updates = Meter.CreateCounter<long>("hushryd.location.updates", description: "Accepted position updates by outcome (stored, superseded, buffered)");
        _historyLag = Meter.CreateHistogram<double>(
            "hushryd.location.history.lag", unit: "ms", description: "From accepting an update to its history row being committed");
    }

    public Meter Meter { get; }

    public void Recorded(Positions.WriteOutcome outcome, int count = 1) =>
        _updates.Add(count, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));

    public void HistoryCommitted(double lagMilliseconds) => _historyLag.Record(lagMilliseconds);
}
