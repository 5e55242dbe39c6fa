namespace HushRyd.Platform.Events;

/// <summary>One handler's interest in one topic, declared at start-up so every runtime can route to it.</summary>
/// <param name="Handle">Calls the resolved handler with a typed event; built where the types are known, so no reflection runs per delivery.</param>
public sealed record EventSubscription(Type EventType, Type HandlerType, Func<object, IntegrationEvent, CancellationToken, Task> Handle)
{
    public string Topic => EventTopics.For(EventType);

    /// <summary>Stable across restarts: pending deliveries are keyed by it.</summary>
    public string Name => $"{Topic}/{HandlerType.Name}";
}
