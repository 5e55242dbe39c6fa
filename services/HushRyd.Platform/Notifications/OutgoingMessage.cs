namespace HushRyd.Platform.Notifications;

public sealed record OutgoingMessage(NotificationChannelKind Channel, string To, string Body, string? Subject = null);
