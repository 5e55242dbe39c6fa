using System.Globalization;
using Dapr.Client;
using HushRyd.Platform.State;

namespace HushRyd.Runtime.Dapr.State;

/// <summary>State through the sidecar's state API; the component (Redis locally, MongoDB in production) is chosen by YAML.</summary>
public sealed class DaprStateStore(DaprClient dapr) : IStateStore
{
    private static readonly StateOptions FirstWrite = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };
    private static readonly StateOptions LastWrite = new() { Concurrency = ConcurrencyMode.LastWrite, Consistency = ConsistencyMode.Strong };

    public async Task<StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        var (value, etag) = await dapr.GetStateAndETagAsync<T>(DaprComponentNames.StateStore, key, ConsistencyMode.Strong, cancellationToken: cancellationToken);
        return string.IsNullOrEmpty(etag) ? null : new StateEntry<T>(key, value, etag);
    }

    public Task SaveAsync<T>(string key, T value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        dapr.SaveStateAsync(DaprComponentNames.StateStore, key, value, LastWrite, Metadata(timeToLive), cancellationToken);

    // First-write concurrency with an empty ETag asks the store to insert only when the key is absent.
    public Task<bool> TryAddAsync<T>(string key, T value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        dapr.TrySaveStateAsync(DaprComponentNames.StateStore, key, value, string.Empty, FirstWrite, Metadata(timeToLive), cancellationToken);

    public Task<bool> TryUpdateAsync<T>(string key, T value, string etag, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        dapr.TrySaveStateAsync(DaprComponentNames.StateStore, key, value, etag, FirstWrite, Metadata(timeToLive), cancellationToken);

    public async Task<bool> DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default)
    {
        if (etag is null)
        {
            await dapr.DeleteStateAsync(DaprComponentNames.StateStore, key, LastWrite, cancellationToken: cancellationToken);
            return true;
        }

        return await dapr.TryDeleteStateAsync(DaprComponentNames.StateStore, key, etag, FirstWrite, cancellationToken: cancellationToken);
    }

    /// <summary>Dapr's TTL is whole seconds; a partial second rounds up so an entry never expires early.</summary>
    public static IReadOnlyDictionary<string, string>? Metadata(TimeSpan? timeToLive) =>
        timeToLive is { } ttl
            ? new Dictionary<string, string> { ["ttlInSeconds"] = ((long)Math.Ceiling(ttl.TotalSeconds)).ToString(CultureInfo.InvariantCulture) }
            : null;
}
