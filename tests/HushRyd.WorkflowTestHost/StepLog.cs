using Microsoft.Data.Sqlite;

namespace HushRyd.WorkflowTestHost;

/// <summary>Every activity run, committed to its own SQLite file before the activity returns, so a kill cannot hide one.</summary>
public static class StepLog
{
    public const string FileName = "step-log.db";

    public static string Path { get; set; } = FileName;

    public static void Append(string instanceId, string step)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS steps (instance_id TEXT NOT NULL, step TEXT NOT NULL, pid INTEGER NOT NULL, at INTEGER NOT NULL);
            INSERT INTO steps (instance_id, step, pid, at) VALUES ($id, $step, $pid, $at);
            """;
        command.Parameters.AddWithValue("$id", instanceId);
        command.Parameters.AddWithValue("$step", step);
        command.Parameters.AddWithValue("$pid", Environment.ProcessId);
        command.Parameters.AddWithValue("$at", DateTime.UtcNow.Ticks);
        command.ExecuteNonQuery();
    }
}
