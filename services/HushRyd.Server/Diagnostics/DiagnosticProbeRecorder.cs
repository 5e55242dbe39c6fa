using HushRyd.Platform.Events;
using HushRyd.Platform.State;

namespace HushRyd.Server.Diagnostics;

/// <summary>Records the first delivery of each probe; redeliveries leave the record as it was.</summary>
public sealed class DiagnosticProbeRecorder(IStateStore state, TimeProvider time) : IIntegrationEventHandler<DiagnosticProbeSent>
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public static string Key(Guid probeId) => $"diagnostics:probe:{probeId:N}";

    public Task HandleAsync(DiagnosticProbeSent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var delivery = new DiagnosticProbeDelivery(integrationEvent.Id, integrationEvent.Note, integrationEvent.OccurredAt, time.GetUtcNow());
        return state.TryAddAsync(Key(integrationEvent.Id), delivery, Retention, cancellationToken);
    }
}
