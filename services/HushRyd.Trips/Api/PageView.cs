namespace HushRyd.Trips.Api;

/// <summary>One page of a listing; pass <see cref="NextPageToken"/> back as <c>pageToken</c> for the next, absent on the last.</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? NextPageToken);
