using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Platform.Events;

public static class EventSubscriptionServiceCollectionExtensions
{
    public static IServiceCollection AddEventSubscription<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new EventSubscription(
            typeof(TEvent),
            typeof(THandler),
            (handler, integrationEvent, cancellationToken) => ((THandler)handler).HandleAsync((TEvent)integrationEvent, cancellationToken)));
        return services;
    }
}
