using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Location.Storage;

public static class LocationMigrations
{
    /// <summary>Clustered by trip and time, so a trip's trail is one range read; a fix stored twice is kept once.</summary>
    public static readonly SqliteMigration CreateHistory = new(
        "location-0001-history",
        """
        CREATE TABLE location_history (
            trip_id TEXT NOT NULL,
            ts INTEGER NOT NULL,
            driver_id TEXT NOT NULL,
            lat REAL NOT NULL,
            lng REAL NOT NULL,
            speed REAL,
            heading REAL,
            PRIMARY KEY (trip_id, ts)) WITHOUT ROWID;
        """);

    public static readonly SqliteMigration CreateDelayed = new(
        "location-0002-delayed",
        """
        CREATE TABLE location_delayed (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            trip_id TEXT NOT NULL,
            ts INTEGER NOT NULL,
            driver_id TEXT NOT NULL,
            lat REAL NOT NULL,
            lng REAL NOT NULL,
            speed REAL,
            heading REAL);
        CREATE INDEX location_delayed_ts ON location_delayed (ts, id);
        CREATE INDEX location_delayed_trip ON location_delayed (trip_id, ts);
        """);
}
