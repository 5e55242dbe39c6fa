namespace HushRyd.Notifications.Providers;

/// <summary>A provider refused or could not take a message this time; another attempt, or another provider, may succeed.</summary>
public sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException()
    {
    }

    public ProviderUnavailableException(string message)
        : base(message)
    {
    }

    public ProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
