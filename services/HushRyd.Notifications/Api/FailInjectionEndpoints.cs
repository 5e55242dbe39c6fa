using HushRyd.Notifications.Providers;
using HushRyd.Platform.Http;
using HushRyd.Platform.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace HushRyd.Notifications.Api;

/// <summary>Embedded only: tell the dev outbox to fail a share of one provider's sends, to watch fallback and breakers work.</summary>
public static class FailInjectionEndpoints
{
    public static void MapFailInjectionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/v1/outbox/providers").WithTags("Admin");
        group.MapGet("/", (QueueStatistics statistics) => TypedResults.Ok(statistics.Providers())).WithSummary("Providers, their breaker states and injected fail shares");
        group.MapPut("/{provider}/fail-share", Set).WithSummary("Fail this share of the provider's sends (0 none, 1 all)");
    }

    private static Results<Ok<ProviderView>, ProblemHttpResult> Set(string provider, FailShareRequest request, ProviderFaults faults, QueueStatistics statistics, IEnumerable<INotificationChannel> channels)
    {
        if (ProviderNames.Find(provider) is not { } route)
        {
            return Problems.NotFound($"Provider {provider}");
        }

        if (!channels.Any(channel => channel is OutboxProvider or WebhookProvider))
        {
            return Problems.Conflict("Fail injection is off", "Providers are real Dapr output bindings here; fail injection drives the embedded runtime's stand-ins.");
        }

        if (request.FailShare is not { } share || double.IsNaN(share) || share < 0 || share > 1)
        {
            return Problems.Validation("failShare", "A number from 0 (no send fails) to 1 (every send fails).");
        }

        faults.Set(route.Provider, share);
        return TypedResults.Ok(statistics.Providers().Single(p => p.Provider == route.Provider));
    }
}
