using HushRyd.Location.History;
using HushRyd.Location.Positions;
using HushRyd.Runtime.Dapr.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HushRyd.Location.Storage;

public sealed class MongoDelayedPositions(IMongoDatabase mongo) : IDelayedPositions, IMongoIndexBootstrapper
{
    public const string CollectionName = "locationDelayed";

    private IMongoCollection<MongoPositionDocument> Delayed => mongo.GetCollection<MongoPositionDocument>(CollectionName);

    public Task AddAsync(IReadOnlyList<PositionUpdate> updates, CancellationToken cancellationToken) =>
        Delayed.InsertManyAsync(updates.Select(MongoPositionDocument.From), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<DelayedPosition>> OldestAsync(int limit, CancellationToken cancellationToken)
    {
        var oldest = await Delayed.Find(FilterDefinition<MongoPositionDocument>.Empty).SortBy(p => p.Timestamp).ThenBy(p => p.Id).Limit(limit).ToListAsync(cancellationToken);
        return [.. oldest.Select(p => new DelayedPosition(p.Id.ToString(), p.ToUpdate()))];
    }

    public Task RemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var objectIds = ids.Select(ObjectId.Parse).ToArray();
        return Delayed.DeleteManyAsync(Builders<MongoPositionDocument>.Filter.In(p => p.Id, objectIds), cancellationToken);
    }

    public async Task<PositionUpdate?> LatestAsync(string tripId, CancellationToken cancellationToken) =>
        (await Delayed.Find(p => p.Meta.TripId == tripId).SortByDescending(p => p.Timestamp).Limit(1).FirstOrDefaultAsync(cancellationToken))?.ToUpdate();

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        Delayed.CountDocumentsAsync(FilterDefinition<MongoPositionDocument>.Empty, cancellationToken: cancellationToken);

    public Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var keys = Builders<MongoPositionDocument>.IndexKeys;
        return database.GetCollection<MongoPositionDocument>(CollectionName).Indexes.CreateManyAsync(
            [
                new CreateIndexModel<MongoPositionDocument>(keys.Ascending(p => p.Timestamp).Ascending(p => p.Id)),
                new CreateIndexModel<MongoPositionDocument>(keys.Ascending(p => p.Meta.TripId).Descending(p => p.Timestamp)),
            ],
            cancellationToken);
    }
}
