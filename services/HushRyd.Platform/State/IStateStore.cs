namespace HushRyd.Platform.State;

/// <summary>
/// Key/value state with optimistic concurrency. ETags are opaque strings owned by the store;
/// a TTL makes an entry disappear after the given time.
/// </summary>
public interface IStateStore
{
    Task<StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default);

    /// <summary>Last write wins.</summary>
    Task SaveAsync<T>(string key, T value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>First write wins: succeeds only when no live entry exists under the key.</summary>
    Task<bool> TryAddAsync<T>(string key, T value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Succeeds only when the stored ETag still equals <paramref name="etag"/>.</summary>
    Task<bool> TryUpdateAsync<T>(string key, T value, string etag, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes unconditionally, or only at the given ETag; false when a given ETag no longer matches.</summary>
    Task<bool> DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default);
}
