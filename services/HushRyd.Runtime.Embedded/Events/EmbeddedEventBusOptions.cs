namespace HushRyd.Runtime.Embedded.Events;

public sealed class EmbeddedEventBusOptions
{
    public const string SectionName = "EventBus";

    /// <summary>Attempts per delivery before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often due deliveries are looked for when no publish wakes the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxConcurrentDeliveries { get; set; } = 32;

    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after publishing an event a second publish of the same id is ignored, even once delivered.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromHours(1);
}
