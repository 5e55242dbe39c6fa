namespace HushRyd.Workflows.Sos.Workflows;

/// <summary>The workflow's instance id is the alert id; the timings travel in the input so a replay sees the ones it started with.</summary>
public sealed record SosWorkflowInput(string AlertId, TimeSpan AcknowledgeTimeout, int MaxEscalations);
