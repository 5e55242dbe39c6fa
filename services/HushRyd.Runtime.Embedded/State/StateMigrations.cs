using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Runtime.Embedded.State;

public static class StateMigrations
{
    public static readonly SqliteMigration CreateStateTable = new(
        "platform-0002-state",
        """
        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL,
            etag TEXT NOT NULL,
            expires_at INTEGER) WITHOUT ROWID;
        CREATE INDEX ix_state_expires_at ON state (expires_at) WHERE expires_at IS NOT NULL;
        """);
}
