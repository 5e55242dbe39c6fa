namespace HushRyd.Platform.Hosting;

/// <summary>Liveness says the process works; readiness says its stores answer and it may take traffic.</summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
