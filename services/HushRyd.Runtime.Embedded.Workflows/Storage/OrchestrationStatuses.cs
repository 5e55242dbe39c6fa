using DurableTask.Core;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

internal static class OrchestrationStatuses
{
    /// <summary>What <c>CreateTaskOrchestrationAsync</c> refuses to replace when the caller names no reuse policy.</summary>
    public static readonly OrchestrationStatus[] Active = [OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Suspended];

    public static readonly OrchestrationStatus[] Terminal = [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Canceled, OrchestrationStatus.Terminated];

    public static bool IsTerminal(this OrchestrationStatus status) => Array.IndexOf(Terminal, status) >= 0;

    /// <summary>A SQL list of the terminal status numbers, for IN (...).</summary>
    public static readonly string TerminalSqlList = string.Join(',', Terminal.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
