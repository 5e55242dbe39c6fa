using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Workflows.Sos.Alerts;
using MongoDB.Driver;

namespace HushRyd.Sos.Storage;

/// <summary>Alerts in MongoDB; writes are acknowledged by the majority before they return, so a 201 means a durable alert.</summary>
public sealed class MongoSosAlertStore(IMongoDatabase mongo) : ISosAlertStore, IMongoIndexBootstrapper
{
    public const string CollectionName = "sosAlerts";

    private static readonly FilterDefinitionBuilder<MongoSosAlertDocument> Filter = Builders<MongoSosAlertDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoSosAlertDocument> Update = Builders<MongoSosAlertDocument>.Update;
    private static readonly ProjectionDefinition<MongoSosAlertDocument> WithoutTimeline = Builders<MongoSosAlertDocument>.Projection.Exclude(d => d.Timeline);

    private IMongoCollection<MongoSosAlertDocument> Alerts =>
        mongo.GetCollection<MongoSosAlertDocument>(CollectionName).WithWriteConcern(WriteConcern.WMajority.With(journal: true));

    public async Task<SosAlertCreation> CreateAsync(SosAlert alert, SosTimelineEntry raised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            await Alerts.InsertOneAsync(MongoSosAlertDocument.From(alert, raised), cancellationToken: cancellationToken);
            return new SosAlertCreation(alert, true);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            var earlier = await Alerts.Find(d => d.RaisedBy == alert.RaisedBy && d.IdempotencyKey == alert.IdempotencyKey).Project<MongoSosAlertDocument>(WithoutTimeline).FirstAsync(cancellationToken);
            return new SosAlertCreation(earlier.ToAlert(), false);
        }
    }

    public async Task<SosAlert?> FindAsync(string alertId, CancellationToken cancellationToken) =>
        (await Alerts.Find(d => d.Id == alertId).Project<MongoSosAlertDocument>(WithoutTimeline).FirstOrDefaultAsync(cancellationToken))?.ToAlert();

    public async Task<IReadOnlyList<SosAlert>> ListAsync(SosStatus? status, int limit, CancellationToken cancellationToken)
    {
        var filter = status is { } only ? Filter.Eq(d => d.Status, only.WireName()) : Filter.Empty;
        var found = await Alerts.Find(filter).Project<MongoSosAlertDocument>(WithoutTimeline).SortByDescending(d => d.RaisedAt).ThenByDescending(d => d.Id).Limit(limit).ToListAsync(cancellationToken);
        return [.. found.Select(d => d.ToAlert())];
    }

    public async Task<SosTransition?> TransitionAsync(string alertId, SosStatus target, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var when = at.ToUnixTimeMilliseconds();
        var update = Update.Set(d => d.Status, target.WireName())
            .Push(d => d.Timeline, MongoSosAlertDocument.TimelineLine.From(new SosTimelineEntry(at, SosTimelineKinds.Of(target), Detail: by)));
        update = target == SosStatus.Acknowledged
            ? update.Set(d => d.AcknowledgedBy, by).Set(d => d.AcknowledgedAt, when)
            : update.Set(d => d.ClosedBy, by).Set(d => d.ClosedAt, when);
        var sources = SosStatusRules.SourcesOf(target).Select(s => s.WireName()).ToArray();
        var moved = await Alerts.FindOneAndUpdateAsync(
            Filter.Eq(d => d.Id, alertId) & Filter.In(d => d.Status, sources),
            update,
            new FindOneAndUpdateOptions<MongoSosAlertDocument> { ReturnDocument = ReturnDocument.After, Projection = WithoutTimeline },
            cancellationToken);
        if (moved is not null)
        {
            return new SosTransition(moved.ToAlert(), true);
        }

        return await FindAsync(alertId, cancellationToken) is { } current ? new SosTransition(current, false) : null;
    }

    public Task AppendAsync(string alertId, SosTimelineEntry entry, CancellationToken cancellationToken) =>
        Alerts.UpdateOneAsync(d => d.Id == alertId, Update.Push(d => d.Timeline, MongoSosAlertDocument.TimelineLine.From(entry)), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<SosTimelineEntry>> TimelineAsync(string alertId, CancellationToken cancellationToken)
    {
        var alert = await Alerts.Find(d => d.Id == alertId).FirstOrDefaultAsync(cancellationToken);
        return alert is null ? [] : [.. alert.Timeline.Select(t => t.ToEntry())];
    }

    public Task SetEscalationLevelAsync(string alertId, int level, CancellationToken cancellationToken) =>
        Alerts.UpdateOneAsync(d => d.Id == alertId, Update.Max(d => d.EscalationLevel, level), cancellationToken: cancellationToken);

    public Task MarkWorkflowStartedAsync(string alertId, CancellationToken cancellationToken) =>
        Alerts.UpdateOneAsync(d => d.Id == alertId, Update.Set(d => d.WorkflowStarted, true), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<SosAlert>> WithoutWorkflowAsync(DateTimeOffset raisedBefore, int limit, CancellationToken cancellationToken)
    {
        var before = raisedBefore.ToUnixTimeMilliseconds();
        var found = await Alerts.Find(d => !d.WorkflowStarted && d.RaisedAt < before).Project<MongoSosAlertDocument>(WithoutTimeline).SortBy(d => d.RaisedAt).Limit(limit).ToListAsync(cancellationToken);
        return [.. found.Select(d => d.ToAlert())];
    }

    public Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var keys = Builders<MongoSosAlertDocument>.IndexKeys;
        return database.GetCollection<MongoSosAlertDocument>(CollectionName).Indexes.CreateManyAsync(
            [
                new CreateIndexModel<MongoSosAlertDocument>(keys.Ascending(d => d.RaisedBy).Ascending(d => d.IdempotencyKey), new CreateIndexOptions { Unique = true }),
                new CreateIndexModel<MongoSosAlertDocument>(keys.Ascending(d => d.Status).Descending(d => d.RaisedAt)),
                new CreateIndexModel<MongoSosAlertDocument>(keys.Ascending(d => d.WorkflowStarted).Ascending(d => d.RaisedAt)),
            ],
            cancellationToken);
    }
}
