using HushRyd.Platform.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Runtime.Embedded.Sqlite;

/// <summary>
/// The embedded record store: one SQLite file in WAL mode with full fsync on commit, migrated at start-up.
/// Reads open their own pooled connections; writes go through <see cref="SqliteWriter"/>.
/// </summary>
public sealed class SqliteDatabase : IStartupTask, IAsyncDisposable
{
    public const string FileName = "hushryd.db";

    private readonly IEnumerable<SqliteMigration> _migrations;
    private readonly ILogger<SqliteDatabase> _logger;

    public SqliteDatabase(IOptions<EmbeddedRuntimeOptions> options, IEnumerable<SqliteMigration> migrations, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _migrations = migrations;
        _logger = logger;
        FilePath = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, FileName));
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    // Full fsync on commit: an acknowledged SOS alert or event must survive power loss, not just a crash.
    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;";

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, ConnectionPragmas, cancellationToken);
        return connection;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        connection.Execute(null, ConnectionPragmas);
        return connection;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
            await MigrateAsync(connection, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new StartupException($"cannot open the SQLite database at {FilePath}: {ex.Message}; check --data-dir points at a writable directory.", ex);
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL);", cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT id FROM schema_migrations;";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        foreach (var migration in _migrations.Where(m => !applied.Contains(m.Id)))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES ($id, $at);";
            record.Parameters.AddWithValue("$id", migration.Id);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            _logger.LogInformation("Applied SQLite migration {MigrationId}", migration.Id);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // One instance is registered under several service types, so the container disposes it more than once.
    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!File.Exists(FilePath))
        {
            return;
        }

        // Folding the WAL back into the main file leaves a clean, self-contained database behind.
        try
        {
            await using var connection = await OpenAsync();
            await ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None);
        }
        catch (SqliteException ex)
        {
            _logger.LogWarning(ex, "WAL checkpoint at shutdown failed; the WAL is replayed at next start");
        }

        SqliteConnection.ClearAllPools();
    }
}
