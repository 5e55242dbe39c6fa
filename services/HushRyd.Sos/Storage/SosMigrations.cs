using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Sos.Storage;

public static class SosMigrations
{
    /// <summary>One row per alert, unique per raiser and idempotency key; the timeline is append-only beside it.</summary>
    public static readonly SqliteMigration CreateAlerts = new(
        "sos-0001-alerts",
        """
        CREATE TABLE sos_alerts (
            id TEXT PRIMARY KEY,
            raised_by TEXT NOT NULL,
            raised_by_phone TEXT,
            idempotency_key TEXT NOT NULL,
            trip_id TEXT,
            driver_id TEXT,
            lat REAL NOT NULL,
            lng REAL NOT NULL,
            note TEXT,
            raised_at INTEGER NOT NULL,
            contacts TEXT NOT NULL,
            status TEXT NOT NULL,
            escalation_level INTEGER NOT NULL,
            acknowledged_by TEXT,
            acknowledged_at INTEGER,
            closed_by TEXT,
            closed_at INTEGER,
            workflow_started INTEGER NOT NULL,
            UNIQUE (raised_by, idempotency_key));
        CREATE INDEX sos_alerts_status ON sos_alerts (status, raised_at);
        CREATE INDEX sos_alerts_workflow ON sos_alerts (workflow_started, raised_at);
        CREATE TABLE sos_timeline (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            alert_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            channel TEXT,
            provider TEXT,
            recipient TEXT,
            result TEXT,
            detail TEXT);
        CREATE INDEX sos_timeline_alert ON sos_timeline (alert_id, seq);
        """);

    /// <summary>The trip's vehicle at raise time; alerts stored before it have none (all three null).</summary>
    public static readonly SqliteMigration AddAlertVehicle = new(
        "sos-0002-alert-vehicle",
        """
        ALTER TABLE sos_alerts ADD COLUMN vehicle_registration TEXT;
        ALTER TABLE sos_alerts ADD COLUMN vehicle_make_model TEXT;
        ALTER TABLE sos_alerts ADD COLUMN vehicle_colour TEXT;
        """);

    /// <summary>In the order they apply.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } = [CreateAlerts, AddAlertVehicle];
}
