using System.Security.Claims;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Trips;
using HushRyd.Sos.Raising;
using HushRyd.Sos.Running;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Sos.Api;

/// <summary>API.md "SOS", the traveller's side: raise, read (also by trusted contacts holding the trip's share token), cancel.</summary>
public static class SosEndpoints
{
    public static void MapSosEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/sos").WithTags("SOS");
        group.MapPost("/", RaiseAsync).RequireAuthorization()
            .WithSummary("Raise an SOS: answered 201 only once the alert is durably stored; 503 means it was not, so dial 112");
        group.MapGet("/{alertId}", GetAsync).AllowAnonymous()
            .WithSummary("The alert and its timeline (the raiser, admins); trusted contacts pass the trip's share token as ?shareToken=");
        group.MapPost("/{alertId}/cancel", CancelAsync).RequireAuthorization().WithSummary("The raiser calls it off (false alarm)");
    }

    private static async Task<Results<Created<SosCreatedView>, Ok<SosCreatedView>, ProblemHttpResult>> RaiseAsync(
        [FromHeader(Name = SosValidation.IdempotencyHeader)] string? idempotencyKey,
        RaiseSosRequest? request,
        ClaimsPrincipal user,
        SosRaiser raiser,
        CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } userId)
        {
            return Problems.Forbidden("An SOS is raised by a signed-in traveller; API keys cannot raise one.");
        }

        if (SosValidation.Check(idempotencyKey, request) is { } invalid)
        {
            return invalid;
        }

        var raised = await raiser.RaiseAsync(
            new RaiseSos(userId, user.FindFirstValue(HushRydClaims.Phone), idempotencyKey!, request!.TripId, request.Lat!.Value, request.Lng!.Value, request.Note),
            cancellationToken);
        if (raised.Stored is not { } stored)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "SOS not recorded",
                detail: "The alert could not be stored and nobody has been notified. Call 112 now.");
        }

        var view = new SosCreatedView(stored.Alert.Id, stored.Alert.Status.WireName());
        return stored.Created ? TypedResults.Created($"/api/v1/sos/{stored.Alert.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<SosAlertView>, ProblemHttpResult>> GetAsync(
        string alertId, string? shareToken, ClaimsPrincipal user, ISosAlertStore alerts, ITripDirectory trips, CancellationToken cancellationToken)
    {
        var alert = await alerts.FindAsync(alertId, cancellationToken);
        if (alert is null)
        {
            return Problems.NotFound("SOS alert");
        }

        if (user.IsAdmin() || user.UserId() == alert.RaisedBy)
        {
            return TypedResults.Ok(SosAlertView.Of(alert, await alerts.TimelineAsync(alert.Id, cancellationToken)));
        }

        return shareToken is not null && alert.TripId is not null && await trips.ResolveShareTokenAsync(shareToken, cancellationToken) == alert.TripId
            ? TypedResults.Ok(SosAlertView.Of(alert, null, forTrustedContact: true))
            : Problems.NotFound("SOS alert");
    }

    private static async Task<Results<Ok<SosAlertView>, ProblemHttpResult>> CancelAsync(
        string alertId, ClaimsPrincipal user, ISosAlertStore alerts, SosTransitions transitions, CancellationToken cancellationToken)
    {
        var alert = await alerts.FindAsync(alertId, cancellationToken);
        return alert is null || user.UserId() != alert.RaisedBy
            ? Problems.NotFound("SOS alert")
            : await transitions.ApplyAsync(alert.Id, SosStatus.Cancelled, alert.RaisedBy, SosWorkflowEvents.Closed, cancellationToken);
    }
}
