using HushRyd.Platform.Events;
using HushRyd.Platform.State;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HushRyd.Server.Diagnostics;

/// <summary>
/// Operator endpoints to check the event bus and state store end to end: send a probe, then read whether
/// (and when) it was delivered.
/// </summary>
public static class DiagnosticProbeEndpoints
{
    public static IServiceCollection AddDiagnosticProbes(this IServiceCollection services) =>
        services.AddEventSubscription<DiagnosticProbeSent, DiagnosticProbeRecorder>();

    public static IEndpointRouteBuilder MapDiagnosticProbes(this IEndpointRouteBuilder endpoints)
    {
        var probes = endpoints.MapGroup("/admin/v1/diagnostics/probes").WithTags("Diagnostics");
        probes.MapPost("/", SendAsync).WithSummary("Publish a probe event through the event bus");
        probes.MapGet("/{probeId:guid}", GetAsync).WithSummary("Whether a probe was delivered, and when");
        return endpoints;
    }

    private static async Task<Accepted<ProbeAccepted>> SendAsync(SendProbeRequest? request, IEventBus bus, CancellationToken cancellationToken)
    {
        var probe = new DiagnosticProbeSent(request?.Note);
        await bus.PublishAsync(probe, cancellationToken);
        return TypedResults.Accepted($"/admin/v1/diagnostics/probes/{probe.Id}", new ProbeAccepted(probe.Id, probe.OccurredAt));
    }

    private static async Task<Results<Ok<DiagnosticProbeDelivery>, ProblemHttpResult>> GetAsync(Guid probeId, IStateStore state, CancellationToken cancellationToken)
    {
        var entry = await state.GetAsync<DiagnosticProbeDelivery>(DiagnosticProbeRecorder.Key(probeId), cancellationToken);
        return entry is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Probe not delivered", detail: $"No delivery of probe {probeId} is recorded (yet).")
            : TypedResults.Ok(entry.Value);
    }

    public sealed record SendProbeRequest(string? Note);

    public sealed record ProbeAccepted(Guid ProbeId, DateTimeOffset SentAt);
}
