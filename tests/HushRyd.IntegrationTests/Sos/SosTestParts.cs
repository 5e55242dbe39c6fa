using Dapr.Workflow;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Trips;
using HushRyd.Sos.Running;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>What happened, in order, across the store and every channel: Property 3 is a statement about this order.</summary>
public sealed class SosEventLog
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }
}

/// <summary>The real store behind a switch that makes the next creates fail, as a full disk or a lost primary would.</summary>
public sealed class FlakySosAlertStore(ISosAlertStore inner, SosEventLog log) : ISosAlertStore
{
    public bool FailCreates { get; set; }

    public async Task<SosAlertCreation> CreateAsync(SosAlert alert, SosTimelineEntry raised, CancellationToken cancellationToken)
    {
        if (FailCreates)
        {
            throw new IOException("disk I/O error");
        }

        var created = await inner.CreateAsync(alert, raised, cancellationToken);
        log.Add("persisted:" + created.Alert.Id);
        return created;
    }

    public Task<SosAlert?> FindAsync(string alertId, CancellationToken cancellationToken) => inner.FindAsync(alertId, cancellationToken);

    public Task<IReadOnlyList<SosAlert>> ListAsync(SosStatus? status, int limit, CancellationToken cancellationToken) => inner.ListAsync(status, limit, cancellationToken);

    public Task<SosTransition?> TransitionAsync(string alertId, SosStatus target, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.TransitionAsync(alertId, target, by, at, cancellationToken);

    public Task AppendAsync(string alertId, SosTimelineEntry entry, CancellationToken cancellationToken) => inner.AppendAsync(alertId, entry, cancellationToken);

    public Task<IReadOnlyList<SosTimelineEntry>> TimelineAsync(string alertId, CancellationToken cancellationToken) => inner.TimelineAsync(alertId, cancellationToken);

    public Task SetEscalationLevelAsync(string alertId, int level, CancellationToken cancellationToken) => inner.SetEscalationLevelAsync(alertId, level, cancellationToken);

    public Task MarkWorkflowStartedAsync(string alertId, CancellationToken cancellationToken) => inner.MarkWorkflowStartedAsync(alertId, cancellationToken);

    public Task<IReadOnlyList<SosAlert>> WithoutWorkflowAsync(DateTimeOffset raisedBefore, int limit, CancellationToken cancellationToken) =>
        inner.WithoutWorkflowAsync(raisedBefore, limit, cancellationToken);
}

/// <summary>The notification port at its boundary: records every job added, and refuses those a provider schedule says fail.</summary>
public sealed class RecordingNotificationQueue(SosEventLog log, TimeProvider time) : INotificationQueue
{
    public Func<OutgoingMessage, bool> Fails { get; set; } = _ => false;

    public List<(OutgoingMessage Message, string? DedupeKey)> Added { get; } = [];

    public Task<NotificationJob> AddJobAsync(OutgoingMessage message, JobPriority priority, string? dedupeKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        log.Add($"notify:{message.Channel}:{message.To}:{priority}");
        if (Fails(message))
        {
            throw new InvalidOperationException("every provider refused");
        }

        Added.Add((message, dedupeKey));
        var now = time.GetUtcNow();
        return Task.FromResult(new NotificationJob($"job_{Added.Count}", priority, message, JobStatus.Waiting, 0, 5, null, null, null, dedupeKey, now, now, now, null));
    }
}

public sealed class RecordingBroadcaster(SosEventLog log) : IRealtimeBroadcaster
{
    public Task BroadcastToRoomAsync(string room, string eventName, object data, CancellationToken cancellationToken)
    {
        log.Add($"notify:realtime:{room}:{eventName}");
        return Task.CompletedTask;
    }

    public Task BroadcastToUserAsync(string userId, string eventName, object data, CancellationToken cancellationToken)
    {
        log.Add($"notify:realtime:user:{userId}:{eventName}");
        return Task.CompletedTask;
    }
}

public sealed class RecordingTracking(SosEventLog log) : ISosTracking
{
    public Task StartAsync(SosAlert alert, CancellationToken cancellationToken)
    {
        log.Add("tracking:start:" + alert.Id);
        return Task.CompletedTask;
    }

    public Task StopAsync(SosAlert alert, CancellationToken cancellationToken)
    {
        log.Add("tracking:stop:" + alert.Id);
        return Task.CompletedTask;
    }
}

/// <summary>Trips as the SOS path sees it: these contacts for everyone, no trips, no share links.</summary>
public sealed class FixedTrips(IReadOnlyList<SosContact> contacts) : ISosContacts, ITripDirectory
{
    public Task<IReadOnlyList<SosContact>> TrustedContactsOfAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(contacts);

    public Task<string?> IssueShareTokenAsync(string tripId, string userId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<TripParticipants?> FindAsync(string tripId, CancellationToken cancellationToken) => Task.FromResult<TripParticipants?>(null);

    public Task<string?> ResolveShareTokenAsync(string token, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>Records which alerts the API asked to start a workflow for; the harness then runs that workflow itself.</summary>
public sealed class RecordingWorkflows(SosEventLog log) : ISosWorkflows
{
    public List<string> Started { get; } = [];

    /// <summary>The workflow runtime is unreachable: starts fail as <see cref="DaprSosWorkflows"/> reports them.</summary>
    public bool Unreachable { get; set; }

    /// <summary>While set, a start is accepted but does not answer until the source completes.</summary>
    public TaskCompletionSource? Stalled { get; set; }

    public async Task<bool> TryStartAsync(SosAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (Stalled is { } stalled)
        {
            await stalled.Task;
        }

        if (Unreachable)
        {
            return false;
        }

        log.Add("workflow:start:" + alert.Id);
        Started.Add(alert.Id);
        return true;
    }

    public Task<bool> ExistsAsync(string alertId, CancellationToken cancellationToken) => Task.FromResult(Started.Contains(alertId));

    public Task RaiseAsync(string alertId, string eventName, string payload, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class TestActivityContext(string instanceId) : WorkflowActivityContext
{
    public override string InstanceId => instanceId;

    public override string TaskExecutionKey => instanceId;

    public override global::Dapr.Workflow.Abstractions.TaskIdentifier Identifier => new("activity");
}
