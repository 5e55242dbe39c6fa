namespace HushRyd.Platform.Events;

/// <summary>One handler's interest in one topic, declared at start-up so every runtime can route to it.</summary>
public sealed record EventSubscription(Type EventType, Type HandlerType)
{
    public string Topic => EventTopics.For(EventType);

    /// <summary>Stable across restarts: pending deliveries are keyed by it.</summary>
    public string Name => $"{Topic}/{HandlerType.Name}";
}
