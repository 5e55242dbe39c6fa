namespace HushRyd.Workflows.Sos.Alerts;

/// <summary>The record store of SOS alerts: every write completes only once it is durable.</summary>
public interface ISosAlertStore
{
    /// <summary>Stores the alert and its first timeline line, or returns the alert stored earlier under the same raiser and idempotency key.</summary>
    Task<SosAlertCreation> CreateAsync(SosAlert alert, SosTimelineEntry raised, CancellationToken cancellationToken);

    Task<SosAlert?> FindAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Newest first, optionally only those in <paramref name="status"/>.</summary>
    Task<IReadOnlyList<SosAlert>> ListAsync(SosStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>Moves the alert to <paramref name="target"/> if <see cref="SosStatusRules.MayBecome"/> allows it, recording who and when on the alert and its timeline, atomically; null when no such alert.</summary>
    Task<SosTransition?> TransitionAsync(string alertId, SosStatus target, string by, DateTimeOffset at, CancellationToken cancellationToken);

    Task AppendAsync(string alertId, SosTimelineEntry entry, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<SosTimelineEntry>> TimelineAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Raises the escalation level to at least <paramref name="level"/> (a replayed step never lowers it).</summary>
    Task SetEscalationLevelAsync(string alertId, int level, CancellationToken cancellationToken);

    Task MarkWorkflowStartedAsync(string alertId, CancellationToken cancellationToken);

    /// <summary>Alerts raised before <paramref name="raisedBefore"/> whose workflow has not confirmed it started, oldest first.</summary>
    Task<IReadOnlyList<SosAlert>> WithoutWorkflowAsync(DateTimeOffset raisedBefore, int limit, CancellationToken cancellationToken);
}
