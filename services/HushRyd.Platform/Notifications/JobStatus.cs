namespace HushRyd.Platform.Notifications;

public enum JobStatus
{
    Waiting,
    Active,

    /// <summary>Failed an attempt and waits for its backoff before the next one.</summary>
    Delayed,
    Completed,

    /// <summary>Every attempt failed; only an admin's retry brings it back.</summary>
    Failed,
}
