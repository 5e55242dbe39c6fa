namespace HushRyd.Workflows.Sos.Alerts;

public static class SosStatusRules
{
    public static bool IsClosed(this SosStatus status) => status is SosStatus.Resolved or SosStatus.Cancelled;

    /// <summary>Acknowledged only from active; resolved or cancelled from any open state; nothing leaves a closed one.</summary>
    public static bool MayBecome(this SosStatus from, SosStatus to) => to switch
    {
        SosStatus.Acknowledged => from == SosStatus.Active,
        SosStatus.Resolved or SosStatus.Cancelled => !from.IsClosed(),
        _ => false,
    };

    /// <summary>The states an alert may move to <paramref name="to"/> from, for conditional updates.</summary>
    public static SosStatus[] SourcesOf(SosStatus to) => [.. Enum.GetValues<SosStatus>().Where(from => from.MayBecome(to))];

    public static string WireName(this SosStatus status) => status.ToString().ToLowerInvariant();
}
