namespace HushRyd.Workflows.Sos;

/// <summary>Configuration section <c>Sos</c>.</summary>
public sealed class SosOptions
{
    public const string SectionName = "Sos";

    /// <summary>How long the desk has to acknowledge before the on-call roster is paged (and between pages).</summary>
    public TimeSpan AcknowledgeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Pages to the roster at most (PagerDuty's ceiling).</summary>
    public int MaxEscalations { get; set; } = 9;

    /// <summary>Where the safety desk's alert email goes; none is sent when empty.</summary>
    public string? DeskEmail { get; set; }

    /// <summary>Who is paged when nobody acknowledges: each gets an SMS and, when given, a webhook call.</summary>
    public List<OnCallResponder> OnCall { get; set; } = [];

    /// <summary>Scheme and host of the share links sent to trusted contacts (e.g. https://hushryd.in).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:8080");

    /// <summary>How long <c>sos:tracking:{alertId}</c> lives after its last refresh.</summary>
    public TimeSpan TrackingLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often alerts whose workflow never started are looked for.</summary>
    public TimeSpan RestartScanInterval { get; set; } = TimeSpan.FromSeconds(5);
}
