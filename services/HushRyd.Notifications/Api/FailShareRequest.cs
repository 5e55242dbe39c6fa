namespace HushRyd.Notifications.Api;

/// <summary>The share of a provider's sends the dev outbox fails: 0 none, 1 all.</summary>
public sealed record FailShareRequest(double? FailShare);
