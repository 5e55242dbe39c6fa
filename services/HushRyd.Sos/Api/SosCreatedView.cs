namespace HushRyd.Sos.Api;

/// <summary>API.md: the 201 of <c>POST /api/v1/sos</c>.</summary>
public sealed record SosCreatedView(string AlertId, string Status);
