using System.Security.Claims;
using HushRyd.Platform.Http;
using HushRyd.Platform.Identity;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Sos.Api;

/// <summary>API.md "SOS", the safety desk's side (the gateway lets only admins reach <c>/admin</c>).</summary>
public static class AdminSosEndpoints
{
    public static void MapAdminSosEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/v1/sos").WithTags("Admin");
        group.MapGet("/", ListAsync).WithSummary("Alerts newest first, optionally ?status=active|acknowledged|resolved|cancelled");
        group.MapPost("/{alertId}/acknowledge", (string alertId, ClaimsPrincipal user, SosTransitions transitions, CancellationToken ct) =>
            ApplyAsync(alertId, user, SosStatus.Acknowledged, SosWorkflowEvents.Acknowledged, transitions, ct))
            .WithSummary("Take the alert: stops escalation; a second admin gets 409 naming who took it");
        group.MapPost("/{alertId}/resolve", (string alertId, ClaimsPrincipal user, SosTransitions transitions, CancellationToken ct) =>
            ApplyAsync(alertId, user, SosStatus.Resolved, SosWorkflowEvents.Closed, transitions, ct))
            .WithSummary("Close the alert: tracking stops and everyone notified hears it is over");
    }

    private static async Task<Results<Ok<SosAlertView[]>, ProblemHttpResult>> ListAsync(string? status, int? limit, ISosAlertStore alerts, CancellationToken cancellationToken)
    {
        SosStatus? only = null;
        if (status is not null)
        {
            if (!Enum.TryParse<SosStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Validation("status", "Give active, acknowledged, resolved or cancelled.");
            }

            only = parsed;
        }

        var found = await alerts.ListAsync(only, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken);
        return TypedResults.Ok(found.Select(alert => SosAlertView.Of(alert, null)).ToArray());
    }

    private static async Task<Results<Ok<SosAlertView>, ProblemHttpResult>> ApplyAsync(
        string alertId, ClaimsPrincipal user, SosStatus target, string workflowEvent, SosTransitions transitions, CancellationToken cancellationToken) =>
        user.UserId() is { } adminId
            ? await transitions.ApplyAsync(alertId, target, adminId, workflowEvent, cancellationToken)
            : Problems.Forbidden("The desk's actions are taken by a signed-in admin.");
}
