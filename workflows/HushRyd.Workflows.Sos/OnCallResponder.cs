namespace HushRyd.Workflows.Sos;

/// <summary>One entry of the on-call roster.</summary>
public sealed class OnCallResponder
{
    public string Name { get; set; } = string.Empty;

    public string Phone { get; set; } = string.Empty;

    /// <summary>Called with the alert as JSON (a paging service's incoming webhook); optional.</summary>
    public Uri? Webhook { get; set; }
}
