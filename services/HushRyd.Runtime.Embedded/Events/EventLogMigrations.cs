using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Runtime.Embedded.Events;

public static class EventLogMigrations
{
    public static readonly SqliteMigration CreateEventLog = new(
        "platform-0001-event-log",
        """
        CREATE TABLE event_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL UNIQUE,
            topic TEXT NOT NULL,
            payload BLOB NOT NULL,
            published_at INTEGER NOT NULL);
        CREATE TABLE event_deliveries (
            seq INTEGER NOT NULL REFERENCES event_log(seq),
            subscription TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            PRIMARY KEY (seq, subscription)) WITHOUT ROWID;
        CREATE INDEX ix_event_deliveries_due ON event_deliveries (next_attempt_at, seq);
        CREATE TABLE event_dead_letters (
            seq INTEGER NOT NULL,
            subscription TEXT NOT NULL,
            topic TEXT NOT NULL,
            event_id TEXT NOT NULL,
            payload BLOB NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            dead_at INTEGER NOT NULL,
            PRIMARY KEY (seq, subscription));
        """);

    /// <summary>
    /// Event ids stay here after their event is delivered and removed from the log, so a publisher retrying an event
    /// already delivered is still recognised (<see cref="EmbeddedEventBusOptions.DeduplicationWindow"/>).
    /// </summary>
    public static readonly SqliteMigration RememberPublishedEvents = new(
        "platform-0003-published-events",
        """
        CREATE TABLE published_events (
            event_id TEXT PRIMARY KEY,
            published_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX ix_published_events_age ON published_events (published_at);
        INSERT INTO published_events (event_id, published_at) SELECT event_id, published_at FROM event_log;
        """);
}
