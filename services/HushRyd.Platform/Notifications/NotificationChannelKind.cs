namespace HushRyd.Platform.Notifications;

public enum NotificationChannelKind
{
    Sms,
    Email,
    Push,
}
