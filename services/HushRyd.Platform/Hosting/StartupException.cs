namespace HushRyd.Platform.Hosting;

/// <summary>A configuration or environment problem the operator must fix; printed as one line, without a stack trace.</summary>
public sealed class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
