using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace HushRyd.IntegrationTests.Mongo;

public class MongoRecordStoreTests
{
    [SkippableFact]
    public async Task Index_bootstrap_is_idempotent_and_the_health_check_sees_the_server()
    {
        await using var mongo = await MongoTestDatabase.StartAsync();
        var initializer = new MongoIndexInitializer(mongo.Database, [new PhoneIndex()], NullLogger<MongoIndexInitializer>.Instance);

        await initializer.StartAsync(CancellationToken.None);
        await initializer.StartAsync(CancellationToken.None);

        var indexes = await (await mongo.Database.GetCollection<BsonDocument>("people").Indexes.ListAsync()).ToListAsync();
        Assert.Contains(indexes, index => index["key"].AsBsonDocument == new BsonDocument("phone", 1) && index["unique"].AsBoolean);
        var health = await new MongoHealthCheck(mongo.Database).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    private sealed class PhoneIndex : IMongoIndexBootstrapper
    {
        public Task EnsureIndexesAsync(IMongoDatabase database, CancellationToken cancellationToken) =>
            database.GetCollection<BsonDocument>("people").Indexes.CreateOneAsync(
                new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("phone"), new CreateIndexOptions { Unique = true }),
                cancellationToken: cancellationToken);
    }
}
