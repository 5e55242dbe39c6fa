using HushRyd.Platform.Events;

namespace HushRyd.Server.Diagnostics;

/// <summary>A synthetic event an operator sends to prove the event pipeline and state store work end to end.</summary>
public sealed record DiagnosticProbeSent(string? Note) : IntegrationEvent;
