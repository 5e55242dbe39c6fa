using System.Collections.Concurrent;
using HushRyd.Platform.Events;

namespace HushRyd.IntegrationTests.Events;

public sealed record RideRequested(int Number) : IntegrationEvent;

/// <summary>Counts deliveries per handler and event, so tests can see duplicates and gaps.</summary>
public sealed class DeliveryLog
{
    public ConcurrentDictionary<(string Handler, Guid EventId), int> Deliveries { get; } = new();

    public ConcurrentDictionary<(string Handler, Guid EventId), int> Attempts { get; } = new();

    public int Delivered(string handler) => Deliveries.Keys.Count(k => k.Handler == handler);

    public int AttemptsOf(string handler, Guid eventId) => Attempts.GetValueOrDefault((handler, eventId));
}

public sealed class RecordingHandler(DeliveryLog log) : IIntegrationEventHandler<RideRequested>
{
    public Task HandleAsync(RideRequested integrationEvent, CancellationToken cancellationToken)
    {
        log.Attempts.AddOrUpdate((nameof(RecordingHandler), integrationEvent.Id), 1, (_, n) => n + 1);
        log.Deliveries.AddOrUpdate((nameof(RecordingHandler), integrationEvent.Id), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>Fails its first two attempts at every event, as a flaky downstream would.</summary>
public sealed class FlakyHandler(DeliveryLog log) : IIntegrationEventHandler<RideRequested>
{
    public Task HandleAsync(RideRequested integrationEvent, CancellationToken cancellationToken)
    {
        var attempt = log.Attempts.AddOrUpdate((nameof(FlakyHandler), integrationEvent.Id), 1, (_, n) => n + 1);
        if (attempt <= 2)
        {
            throw new InvalidOperationException($"downstream unavailable (attempt {attempt})");
        }

        log.Deliveries.AddOrUpdate((nameof(FlakyHandler), integrationEvent.Id), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

public sealed class BrokenHandler(DeliveryLog log) : IIntegrationEventHandler<RideRequested>
{
    public Task HandleAsync(RideRequested integrationEvent, CancellationToken cancellationToken)
    {
        log.Attempts.AddOrUpdate((nameof(BrokenHandler), integrationEvent.Id), 1, (_, n) => n + 1);
        throw new InvalidOperationException("this handler never succeeds");
    }
}

/// <summary>Blocks until released, to hold deliveries in flight across a shutdown.</summary>
public sealed class GatedHandler(DeliveryLog log, Gate gate) : IIntegrationEventHandler<RideRequested>
{
    public async Task HandleAsync(RideRequested integrationEvent, CancellationToken cancellationToken)
    {
        await gate.Opened.Task.WaitAsync(cancellationToken);
        log.Deliveries.AddOrUpdate((nameof(GatedHandler), integrationEvent.Id), 1, (_, n) => n + 1);
    }
}

public sealed class Gate
{
    public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
