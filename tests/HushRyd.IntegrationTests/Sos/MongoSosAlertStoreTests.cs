using HushRyd.Sos.Storage;
using HushRyd.Testing;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>The contract against MongoDB (HUSHRYD_TEST_MONGO or Testcontainers), with the indexes the server creates.</summary>
public sealed class MongoSosAlertStoreTests : SosAlertStoreContract
{
    protected override async Task<(ISosAlertStore Store, Func<ValueTask> Release)> OpenAsync()
    {
        var mongo = await MongoTestDatabase.StartAsync();
        var store = new MongoSosAlertStore(mongo.Database);
        await store.EnsureIndexesAsync(mongo.Database, CancellationToken.None);
        return (store, mongo.DisposeAsync);
    }
}
