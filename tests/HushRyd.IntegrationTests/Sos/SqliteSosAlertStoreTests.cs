using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Sos.Storage;
using HushRyd.Testing;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>The contract against the embedded store: a real SQLite file, migrated, behind the single writer.</summary>
public sealed class SqliteSosAlertStoreTests : SosAlertStoreContract
{
    protected override async Task<(ISosAlertStore Store, Func<ValueTask> Release)> OpenAsync()
    {
        var directory = new TempDirectory();
        var database = new SqliteDatabase(Options.Create(new EmbeddedRuntimeOptions { DataDirectory = directory.Path }), SosMigrations.All, NullLogger<SqliteDatabase>.Instance);
        await database.StartAsync(CancellationToken.None);
        var writer = new SqliteWriter(database, NullLogger<SqliteWriter>.Instance);
        return (new SqliteSosAlertStore(database, writer), async () =>
        {
            await writer.DisposeAsync();
            await database.DisposeAsync();
            directory.Dispose();
        });
    }
}
