using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests;

/// <summary>A real SQLite file in <paramref name="directory"/>, migrated as the server would, behind the single writer.</summary>
public sealed class MigratedSqlite(SqliteDatabase database, SqliteWriter writer) : IAsyncDisposable
{
    public SqliteDatabase Database { get; } = database;

    public SqliteWriter Writer { get; } = writer;

    public static async Task<MigratedSqlite> OpenAsync(string directory, IEnumerable<SqliteMigration> migrations)
    {
        var database = new SqliteDatabase(Options.Create(new EmbeddedRuntimeOptions { DataDirectory = directory }), migrations, NullLogger<SqliteDatabase>.Instance);
        await database.StartAsync(CancellationToken.None);
        return new MigratedSqlite(database, new SqliteWriter(database, NullLogger<SqliteWriter>.Instance));
    }

    /// <summary>Runs one statement outside the stores, as an older build of them wrote it.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        connection.Execute(null, sql);
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await Database.DisposeAsync();
    }
}
