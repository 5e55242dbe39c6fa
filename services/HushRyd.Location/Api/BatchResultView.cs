namespace HushRyd.Location.Api;

public sealed record BatchResultView(int Accepted, IReadOnlyList<BatchRejection> Rejected);

/// <summary>An item left out of a batch: its position in the request and why, naming the field where one is at fault.</summary>
public sealed record BatchRejection(int Index, string Reason);
