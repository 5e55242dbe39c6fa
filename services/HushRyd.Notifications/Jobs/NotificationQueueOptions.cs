using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Jobs;

/// <summary>Section <c>Notifications:Queues</c>: workers per queue, attempts per priority, backoff between attempts.</summary>
public sealed class NotificationQueueOptions
{
    public const string SectionName = "Notifications:Queues";

    /// <summary>Jobs of one queue sent at the same time, by queue name (sms, email, push).</summary>
    public Dictionary<string, int> Concurrency { get; } = new(StringComparer.OrdinalIgnoreCase) { ["sms"] = 8, ["email"] = 4, ["push"] = 8 };

    /// <summary>Slots of each queue only critical jobs may take, so an SOS never waits for a normal send to finish.</summary>
    public int CriticalReservedSlots { get; set; } = 1;

    /// <summary>Attempts before a job is failed, by priority; critical retries longest.</summary>
    public Dictionary<JobPriority, int> MaxAttempts { get; } = new() { [JobPriority.Critical] = 10, [JobPriority.High] = 5, [JobPriority.Normal] = 3 };

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle worker sleeps when nothing wakes it; only a safety net, adds and finished jobs wake it at once.</summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Redis engine: how long a claimed job belongs to its worker. Longer than one attempt can take (each provider's
    /// timeout, primary and fallback), so only a dead worker's jobs run out and are taken by another instance.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Redis engine: how long completed jobs and dedupe keys are kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    public int ConcurrencyOf(NotificationChannelKind queue) =>
        Math.Max(1, Concurrency.TryGetValue(queue.ToString(), out var concurrency) ? concurrency : 1);

    public int MaxAttemptsOf(JobPriority priority) => Math.Max(1, MaxAttempts.TryGetValue(priority, out var attempts) ? attempts : 1);
}
