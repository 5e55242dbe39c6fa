namespace HushRyd.Notifications.Api;

public sealed record StatusCountsView(long Waiting, long Active, long Completed, long Failed, long Delayed);

/// <summary>One queue: counts per priority, their sum, and jobs completed per second over the last minute.</summary>
public sealed record QueueView(string Queue, IReadOnlyDictionary<string, StatusCountsView> Priorities, StatusCountsView Total, long CompletedLastMinute, double CompletedPerSecond);

public sealed record ProviderView(string Provider, string Queue, string Role, string Breaker, double FailShare);

public sealed record QueuesView(IReadOnlyList<QueueView> Queues, IReadOnlyList<ProviderView> Providers);
