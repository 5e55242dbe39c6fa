using MongoDB.Driver;

namespace HushRyd.Runtime.Dapr.Mongo;

/// <summary>A module's indexes, created idempotently at start-up (creating an existing index is a no-op).</summary>
public interface IMongoIndexBootstrapper
{
    Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken);
}
