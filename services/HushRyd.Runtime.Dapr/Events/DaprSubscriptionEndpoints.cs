using System.Text.Json;
using Dapr;
using HushRyd.Platform.Events;
using HushRyd.Platform.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Dapr.Events;

/// <summary>
/// The app side of Dapr pub/sub: one endpoint per topic, declared through <c>/dapr/subscribe</c> with a
/// dead-letter topic, and one endpoint per dead-letter topic that keeps what could not be delivered.
/// A non-2xx answer makes the sidecar retry under the resiliency policy, then dead-letter.
/// </summary>
public static class DaprSubscriptionEndpoints
{
    public const string RoutePrefix = "/events/";

    public static IEndpointRouteBuilder MapDaprEventSubscriptions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapSubscribeHandler();
        var subscriptions = endpoints.ServiceProvider.GetServices<EventSubscription>();
        foreach (var topic in subscriptions.GroupBy(s => s.Topic, StringComparer.Ordinal))
        {
            var handlers = topic.ToArray();
            var deadLetterTopic = EventTopics.DeadLetterFor(topic.Key);
            endpoints.MapPost(RoutePrefix + topic.Key, (HttpRequest request, IServiceProvider services, CancellationToken cancellationToken) =>
                    DeliverAsync(request, handlers, services, cancellationToken))
                .WithTopic(new TopicOptions { PubsubName = DaprComponentNames.PubSub, Name = topic.Key, DeadLetterTopic = deadLetterTopic })
                .ExcludeFromDescription();
            endpoints.MapPost(RoutePrefix + deadLetterTopic, (HttpRequest request, IStateStore state, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                    KeepDeadLetterAsync(topic.Key, request, state, loggers, cancellationToken))
                .WithTopic(new TopicOptions { PubsubName = DaprComponentNames.PubSub, Name = deadLetterTopic })
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static async Task<IResult> DeliverAsync(HttpRequest request, EventSubscription[] handlers, IServiceProvider services, CancellationToken cancellationToken)
    {
        var payload = await ReadBodyAsync(request, cancellationToken);
        IntegrationEvent integrationEvent;
        try
        {
            integrationEvent = EventJson.Deserialize(payload, handlers[0].EventType);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable event payload", detail: ex.Message);
        }

        foreach (var subscription in handlers)
        {
            await EventHandlerInvoker.InvokeAsync(services, subscription, integrationEvent, cancellationToken);
        }

        return TypedResults.Ok();
    }

    private static async Task<IResult> KeepDeadLetterAsync(string topic, HttpRequest request, IStateStore state, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var payload = await ReadBodyAsync(request, cancellationToken);
        var id = TryReadId(payload) ?? Guid.NewGuid().ToString("N");
        await state.SaveAsync($"deadletter:{topic}:{id}", JsonSerializer.Deserialize<JsonElement>(payload), cancellationToken: cancellationToken);
        loggers.CreateLogger(typeof(DaprSubscriptionEndpoints)).LogError("Event {EventId} on {Topic} was dead-lettered by the sidecar and kept in the state store", id, topic);
        return TypedResults.Ok();
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static string? TryReadId(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("id", out var id) ? id.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
