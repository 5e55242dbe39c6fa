namespace HushRyd.Platform.Events;

/// <summary>Topics are named after event types; every topic has a dead-letter twin.</summary>
public static class EventTopics
{
    public const string DeadLetterSuffix = ".deadletter";

    public static string For(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return eventType.Name;
    }

    public static string For<TEvent>()
        where TEvent : IntegrationEvent => For(typeof(TEvent));

    public static string DeadLetterFor(string topic) => topic + DeadLetterSuffix;
}
