using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.Sqlite;

/// <summary>
/// The single writer of the embedded database. Concurrent writes are grouped into one transaction
/// (one fsync for many callers); each write runs in its own savepoint, so one failing write fails alone.
/// A write's task completes only after its transaction is durably committed.
/// </summary>
public sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteWriter> _logger;
    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _loop;

    public SqliteWriter(SqliteDatabase database, ILogger<SqliteWriter> logger)
    {
        _database = database;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
    }

    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        var write = new Write<T>(work, cancellationToken);
        _ = _loop.Value;
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "The database is shutting down.");
        }

        return write.Completion.Task;
    }

    private async Task RunAsync()
    {
        using var connection = _database.Open();
        var batch = new List<IWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                if (!write.IsCancelled)
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                Commit(connection, batch);
            }
        }
    }

    private void Commit(SqliteConnection connection, List<IWrite> batch)
    {
        var applied = new List<IWrite>(batch.Count);
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var write in batch)
            {
                using (var savepoint = connection.CreateCommand())
                {
                    savepoint.Transaction = transaction;
                    savepoint.CommandText = "SAVEPOINT write;";
                    savepoint.ExecuteNonQuery();
                }

                if (write.TryApply(connection, transaction))
                {
                    Run(connection, transaction, "RELEASE write;");
                    applied.Add(write);
                }
                else
                {
                    Run(connection, transaction, "ROLLBACK TO write; RELEASE write;");
                }
            }

            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            _logger.LogError(ex, "Committing a batch of {Count} writes failed", applied.Count);
            foreach (var write in applied)
            {
                write.Fail(ex);
            }

            return;
        }

        foreach (var write in applied)
        {
            write.Complete();
        }
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            await _loop.Value;
        }
    }

    private interface IWrite
    {
        bool IsCancelled { get; }

        /// <summary>Runs the work; on failure completes the caller with the error and returns false.</summary>
        bool TryApply(SqliteConnection connection, SqliteTransaction transaction);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Write<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) : IWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsCancelled
        {
            get
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                Completion.TrySetCanceled(cancellationToken);
                return true;
            }
        }

        public bool TryApply(SqliteConnection connection, SqliteTransaction transaction)
        {
            try
            {
                _result = work(connection, transaction);
                return true;
            }
#pragma warning disable CA1031 // The caller, not the writer loop, owns the failure of its own work.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Completion.TrySetException(ex);
                return false;
            }
        }

        public void Complete() => Completion.TrySetResult(_result!);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
