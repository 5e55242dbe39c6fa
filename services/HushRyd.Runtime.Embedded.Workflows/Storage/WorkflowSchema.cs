namespace HushRyd.Runtime.Embedded.Workflows.Storage;

/// <summary>
/// Tables of the orchestration store (ADR 0006). Times are UTC ticks; a message or task is handed out once
/// <c>visible_at</c> has passed, which is how durable timers and retry back-off are held back.
/// </summary>
internal static class WorkflowSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS instances (
            instance_id TEXT PRIMARY KEY,
            execution_id TEXT NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            status INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure_json TEXT,
            tags_json TEXT NOT NULL DEFAULT '{}',
            parent_json TEXT,
            lock_token TEXT);
        CREATE INDEX IF NOT EXISTS ix_instances_status ON instances (status, created_at);
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            execution_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            event_type INTEGER NOT NULL,
            event_json TEXT NOT NULL,
            PRIMARY KEY (instance_id, execution_id, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS new_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            execution_id TEXT,
            event_type INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            message_json TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS ix_new_events_visible ON new_events (visible_at, id);
        CREATE INDEX IF NOT EXISTS ix_new_events_instance ON new_events (instance_id, id);
        CREATE TABLE IF NOT EXISTS tasks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            execution_id TEXT NOT NULL,
            task_id INTEGER NOT NULL,
            name TEXT,
            message_json TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            lock_token TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            UNIQUE (instance_id, execution_id, task_id));
        CREATE INDEX IF NOT EXISTS ix_tasks_visible ON tasks (visible_at, id);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '1');
        """;
}
