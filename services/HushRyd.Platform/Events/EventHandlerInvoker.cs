using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Platform.Events;

/// <summary>Runs a subscription's handler in its own DI scope; shared by the embedded dispatcher and Dapr endpoints.</summary>
public static class EventHandlerInvoker
{
    public static async Task InvokeAsync(
        IServiceProvider services,
        EventSubscription subscription,
        IntegrationEvent integrationEvent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(subscription);
        await using var scope = services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
        await subscription.Handle(handler, integrationEvent, cancellationToken);
    }
}
