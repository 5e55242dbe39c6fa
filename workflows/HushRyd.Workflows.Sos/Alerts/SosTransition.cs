namespace HushRyd.Workflows.Sos.Alerts;

/// <summary>The alert after a requested state change; <see cref="Applied"/> false means it was already elsewhere (see its status and who moved it).</summary>
public sealed record SosTransition(SosAlert Alert, bool Applied);
