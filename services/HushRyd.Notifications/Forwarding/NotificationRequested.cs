using HushRyd.Platform.Events;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Forwarding;

/// <summary>A job added in a process without the notifications module, on its way there through pub/sub.</summary>
public sealed record NotificationRequested(string JobId, OutgoingMessage Message, JobPriority Priority, string? DedupeKey) : IntegrationEvent;
