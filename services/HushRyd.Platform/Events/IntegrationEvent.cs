namespace HushRyd.Platform.Events;

/// <summary>A fact one module announces to others. The topic is the concrete record's type name.</summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}
