using HushRyd.Platform.Hosting;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;

namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>
/// The workflow store's own SQLite file: WAL with full fsync, one owner process (an exclusive lock on a
/// side file), one writer connection behind an async mutex so writers never meet SQLITE_BUSY, and pooled
/// read connections beside it.
/// </summary>
internal sealed class WorkflowDatabase : IDisposable
{
    public const string FileName = "workflows.db";

    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";

    private readonly SemaphoreSlim _writeMutex = new(1, 1);
    private readonly FileStream _ownerLock;
    private readonly SqliteConnection _writer;
    private bool _disposed;

    private WorkflowDatabase(string filePath, FileStream ownerLock, SqliteConnection writer)
    {
        FilePath = filePath;
        _ownerLock = ownerLock;
        _writer = writer;
    }

    public string FilePath { get; }

    /// <summary>Runs inside every write transaction just before it commits; a test throws here to play a crash.</summary>
    internal Action<string>? BeforeCommit { get; set; }

    /// <summary>Runs right after a write transaction committed; a test kills the process here to crash just past a commit.</summary>
    internal Action<string>? AfterCommit { get; set; }

    public static WorkflowDatabase Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var filePath = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        FileStream ownerLock;
        try
        {
            ownerLock = new FileStream(filePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new StartupException($"the workflow store {filePath} is in use by another process; one server owns a data directory.", ex);
        }

        try
        {
            var writer = new SqliteConnection(ConnectionString(filePath));
            writer.Open();
            writer.Execute(null, "PRAGMA journal_mode = WAL; " + ConnectionPragmas);
            using (var transaction = writer.BeginTransaction())
            {
                writer.Execute(transaction, WorkflowSchema.Create);

                // Locks belonged to the process that wrote them; that process is gone.
                writer.Execute(transaction, "UPDATE instances SET lock_token = NULL WHERE lock_token IS NOT NULL; UPDATE tasks SET lock_token = NULL WHERE lock_token IS NOT NULL;");
                transaction.Commit();
            }

            return new WorkflowDatabase(filePath, ownerLock, writer);
        }
        catch (SqliteException ex)
        {
            ownerLock.Dispose();
            throw new StartupException($"cannot open the workflow store at {filePath}: {ex.Message}", ex);
        }
    }

    /// <summary>One write transaction at a time; <paramref name="work"/> runs on the caller's pool thread and commits or rolls back whole.</summary>
    public Task<T> WriteAsync<T>(string operation, Func<SqliteConnection, SqliteTransaction, T> work) => WriteAsync(operation, work, durable: true);

    /// <summary>
    /// A write whose loss in a power cut harms nothing (taking or dropping a lock, which the next open clears
    /// anyway): it commits without its own fsync. The next durable commit flushes it with the rest of the WAL.
    /// </summary>
    public Task<T> WriteVolatileAsync<T>(string operation, Func<SqliteConnection, SqliteTransaction, T> work) => WriteAsync(operation, work, durable: false);

    private async Task<T> WriteAsync<T>(string operation, Func<SqliteConnection, SqliteTransaction, T> work, bool durable)
    {
        await _writeMutex.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!durable)
            {
                _writer.Execute(null, "PRAGMA synchronous = NORMAL;");
            }

            try
            {
                using var transaction = _writer.BeginTransaction();
                var result = work(_writer, transaction);
                BeforeCommit?.Invoke(operation);
                transaction.Commit();
                AfterCommit?.Invoke(operation);
                return result;
            }
            finally
            {
                if (!durable)
                {
                    _writer.Execute(null, "PRAGMA synchronous = FULL;");
                }
            }
        }
        finally
        {
            _writeMutex.Release();
        }
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = new SqliteConnection(ConnectionString(FilePath));
        await connection.OpenAsync().ConfigureAwait(false);
        return read(connection);
    }

    private static string ConnectionString(string filePath) => new SqliteConnectionStringBuilder
    {
        DataSource = filePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public void Dispose()
    {
        _writeMutex.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _writer.Dispose();
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString(FilePath)));
            _ownerLock.Dispose();
        }
        finally
        {
            _writeMutex.Release();
        }
    }
}
