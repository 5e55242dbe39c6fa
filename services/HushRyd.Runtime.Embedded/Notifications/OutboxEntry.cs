namespace HushRyd.Runtime.Embedded.Notifications;

public sealed record OutboxEntry(string To, string Body, string Channel, string Provider, DateTimeOffset At, string? Subject, string? MessageId = null, string? IdempotencyKey = null);
