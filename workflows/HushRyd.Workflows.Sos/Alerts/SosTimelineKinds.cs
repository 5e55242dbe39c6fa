namespace HushRyd.Workflows.Sos.Alerts;

public static class SosTimelineKinds
{
    public const string Raised = "raised";
    public const string Notification = "notification";
    public const string Escalated = "escalated";
    public const string TrackingStarted = "tracking-started";
    public const string TrackingStopped = "tracking-stopped";

    /// <summary>The kind recorded for a move to <paramref name="status"/>: its wire name (acknowledged, resolved, cancelled).</summary>
    public static string Of(SosStatus status) => status.WireName();
}
