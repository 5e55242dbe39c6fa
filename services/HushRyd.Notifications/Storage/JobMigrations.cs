using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Notifications.Storage;

public static class JobMigrations
{
    public static readonly SqliteMigration CreateJobs = new(
        "notifications-0001-jobs",
        """
        CREATE TABLE notification_jobs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            queue TEXT NOT NULL,
            priority INTEGER NOT NULL,
            status TEXT NOT NULL,
            recipient TEXT NOT NULL,
            body TEXT NOT NULL,
            subject TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL,
            last_error TEXT,
            provider TEXT,
            provider_message_id TEXT,
            dedupe_key TEXT UNIQUE,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            run_at INTEGER NOT NULL,
            finished_at INTEGER);
        CREATE INDEX ix_notification_jobs_claim ON notification_jobs (queue, status, priority, seq);
        CREATE INDEX ix_notification_jobs_finished ON notification_jobs (status, finished_at);
        """);
}
