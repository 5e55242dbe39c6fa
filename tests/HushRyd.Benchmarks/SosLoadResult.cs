using System.Net;

namespace HushRyd.Benchmarks;

/// <summary>What the SOS load run measured, per alert and in total.</summary>
internal sealed record SosLoadResult(
    int Triggered,
    int Created,
    IReadOnlyList<double> PersistedMs,
    IReadOnlyList<double> FirstDispatchMs,
    int Completed,
    double CompletedPerSecond,
    int Lost,
    string LostDetail)
{
    public static SosLoadResult Of(List<SosTrigger> triggers, SosOutboxWatcher watcher, HashSet<string> readable, Dictionary<string, DateTimeOffset> completions)
    {
        var created = triggers.Where(t => t.Status == HttpStatusCode.Created && t.AlertId is not null).ToList();
        var firstDispatch = created.Select(t => TriggerToFirstDispatchMs(t, watcher)).OfType<double>().ToList();
        var unreadable = created.Count(t => !readable.Contains(t.AlertId!));
        var unnotified = created.Count(t => !SosLoadBenchmark.Notified(t, watcher));
        var lost = created.Count(t => !readable.Contains(t.AlertId!) || !SosLoadBenchmark.Notified(t, watcher));
        var done = created.Where(t => completions.ContainsKey(t.AlertId!)).ToList();
        var span = done.Count == 0 ? TimeSpan.Zero : done.Max(t => completions[t.AlertId!]) - created.Min(t => t.SentAt);
        return new SosLoadResult(
            triggers.Count,
            created.Count,
            [.. created.Select(t => t.PersistedMs)],
            firstDispatch,
            done.Count,
            span > TimeSpan.Zero ? done.Count / span.TotalSeconds : 0,
            lost,
            $"{unreadable} not readable, {unnotified} missing the contact's SMS, push or the desk's email");
    }

    /// <summary>From the trigger to the first of its notifications written out; null while none is.</summary>
    public static double? TriggerToFirstDispatchMs(SosTrigger trigger, SosOutboxWatcher watcher) =>
        trigger.AlertId is not null && FirstDispatch(trigger, watcher) is { } at ? (at - trigger.SentAt).TotalMilliseconds : null;

    private static DateTimeOffset? FirstDispatch(SosTrigger trigger, SosOutboxWatcher watcher)
    {
        DateTimeOffset?[] times =
        [
            watcher.ContactSms.TryGetValue(trigger.Rider.Contact, out var sms) ? sms : null,
            watcher.ContactPush.TryGetValue(trigger.Rider.Contact, out var push) ? push : null,
            watcher.DeskEmail.TryGetValue(trigger.AlertId!, out var email) ? email : null,
        ];
        return times.Where(t => t is not null).Min();
    }

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
