namespace HushRyd.Workflows.Sos.Alerts;

/// <summary>Where an alert is: raised and waiting for the desk, taken by an admin, or over.</summary>
public enum SosStatus
{
    Active,
    Acknowledged,
    Resolved,

    /// <summary>The raiser called it off (false alarm).</summary>
    Cancelled,
}
