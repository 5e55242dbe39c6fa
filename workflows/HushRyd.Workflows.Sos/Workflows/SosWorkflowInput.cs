namespace HushRyd.Workflows.Sos.Workflows;

/// <summary>
/// The workflow's instance id is the alert id; the timings travel in the input so a replay sees the ones it started with.
/// <paramref name="TrustedContacts"/> is the stored alert's contact count. With it the workflow notifies in the same round as
/// it confirms the alert; without it (an instance started before the count was sent) it confirms first, as its history expects.
/// </summary>
public sealed record SosWorkflowInput(string AlertId, TimeSpan AcknowledgeTimeout, int MaxEscalations, int? TrustedContacts = null);
