namespace HushRyd.Workflows.Sos.Workflows;

/// <summary>External events raised on a running SOS workflow, after the store recorded the change.</summary>
public static class SosWorkflowEvents
{
    /// <summary>An admin took the alert; the payload is the admin's id.</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>Resolved by an admin or cancelled by the raiser; the payload is the status.</summary>
    public const string Closed = "closed";
}
