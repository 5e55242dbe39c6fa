namespace HushRyd.Runtime.Embedded.Events;

public sealed record DeadLetter(long Sequence, string Subscription, string Topic, string EventId, int Attempts, string? LastError, DateTimeOffset DeadAt);
