namespace HushRyd.Runtime.Embedded.Workflows;

/// <summary>Configuration section <c>Workflows</c> of the embedded workflow sidecar.</summary>
public sealed class EmbeddedWorkflowOptions
{
    public const string SectionName = "Workflows";

    /// <summary>Where <c>workflows.db</c> lives.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Loopback port of the sidecar; 0 picks a free one when the server is built.</summary>
    public int SidecarPort { get; set; }

    /// <summary>Work items in flight per kind before the sidecar's fetch loop falls back to its 500 ms poll.</summary>
    public int MaxConcurrentWorkItems { get; set; } = 100;
}
