namespace HushRyd.Notifications.Jobs;

public static class JobIds
{
    /// <summary>Time-ordered, so ids sort roughly in the order jobs were added.</summary>
    public static string New() => "job_" + Guid.CreateVersion7().ToString("N");
}
