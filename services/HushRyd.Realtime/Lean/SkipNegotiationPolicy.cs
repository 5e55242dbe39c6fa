using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace HushRyd.Realtime.Lean;

/// <summary>
/// Lets the lean hub endpoint take a request to /ws/hub only when it is a WebSocket upgrade without SignalR's connection
/// <c>id</c> (a client that skipped negotiation); any other request there falls to SignalR's own endpoint.
/// </summary>
internal sealed class SkipNegotiationPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(e => e.Metadata.GetMetadata<Metadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        if (IsSkipNegotiationWebSocket(httpContext))
        {
            return Task.CompletedTask;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Endpoint.Metadata.GetMetadata<Metadata>() is not null)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsSkipNegotiationWebSocket(HttpContext context)
    {
        var request = context.Request;
        if (request.Query.ContainsKey("id"))
        {
            return false;
        }

        // Judged by the request itself: WebSockets' middleware, which would say so, runs inside the chosen endpoint.
        return context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true, Protocol: var protocol }
            ? string.Equals(protocol, "websocket", StringComparison.OrdinalIgnoreCase)
            : HttpMethods.IsGet(request.Method) && request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Marks the endpoint this policy guards.</summary>
    public sealed class Metadata;
}
