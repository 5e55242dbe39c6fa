namespace HushRyd.Platform.Notifications;

/// <summary>A message no provider would accept (bad address, too long): retrying cannot help, so it is refused at once.</summary>
public sealed class NotificationRejectedException : Exception
{
    public NotificationRejectedException()
    {
    }

    public NotificationRejectedException(string message)
        : base(message)
    {
    }

    public NotificationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
