using HushRyd.Location.History;
using HushRyd.Location.Positions;
using HushRyd.Runtime.Dapr.Mongo;
using MongoDB.Driver;

namespace HushRyd.Location.Storage;

/// <summary>
/// History in a MongoDB time-series collection. Time-series collections take no unique index, so a fix written twice
/// (a replay) may be stored twice; readers drop the repeat, which keeps the contract "stored twice is kept once".
/// </summary>
public sealed class MongoLocationHistory(IMongoDatabase mongo) : ILocationHistory, IMongoIndexBootstrapper
{
    public const string CollectionName = "locationHistory";

    private IMongoCollection<MongoPositionDocument> Points => mongo.GetCollection<MongoPositionDocument>(CollectionName);

    public Task AppendAsync(IReadOnlyList<PositionUpdate> updates, CancellationToken cancellationToken) =>
        Points.InsertManyAsync(updates.Select(MongoPositionDocument.From), new InsertManyOptions { IsOrdered = false }, cancellationToken);

    public async Task<IReadOnlyList<PositionUpdate>> TrackAsync(string tripId, long afterTimestamp, int limit, CancellationToken cancellationToken)
    {
        var points = await Points.Find(p => p.Meta.TripId == tripId && p.Timestamp > afterTimestamp)
            .SortBy(p => p.Timestamp)
            .Limit(limit * 2)
            .ToListAsync(cancellationToken);
        return [.. DistinctTimestamps(points).Take(limit).Select(p => p.ToUpdate())];
    }

    public async Task<PositionUpdate?> LatestAsync(string tripId, CancellationToken cancellationToken) =>
        (await Points.Find(p => p.Meta.TripId == tripId).SortByDescending(p => p.Timestamp).Limit(1).FirstOrDefaultAsync(cancellationToken))?.ToUpdate();

    public async Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var existing = await (await database.ListCollectionNamesAsync(cancellationToken: cancellationToken)).ToListAsync(cancellationToken);
        if (!existing.Contains(CollectionName))
        {
            await database.CreateCollectionAsync(
                CollectionName,
                new CreateCollectionOptions { TimeSeriesOptions = new TimeSeriesOptions("at", "meta", TimeSeriesGranularity.Seconds) },
                cancellationToken);
        }

        await database.GetCollection<MongoPositionDocument>(CollectionName).Indexes.CreateOneAsync(
            new CreateIndexModel<MongoPositionDocument>(Builders<MongoPositionDocument>.IndexKeys.Ascending(p => p.Meta.TripId).Ascending(p => p.Timestamp)),
            cancellationToken: cancellationToken);
    }

    private static IEnumerable<MongoPositionDocument> DistinctTimestamps(IEnumerable<MongoPositionDocument> sorted)
    {
        long? previous = null;
        foreach (var point in sorted)
        {
            if (point.Timestamp != previous)
            {
                yield return point;
            }

            previous = point.Timestamp;
        }
    }
}
