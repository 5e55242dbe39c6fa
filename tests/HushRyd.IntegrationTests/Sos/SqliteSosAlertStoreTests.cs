using HushRyd.Sos.Storage;
using HushRyd.Testing;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.IntegrationTests.Sos;

/// <summary>The contract against the embedded store: a real SQLite file, migrated, behind the single writer.</summary>
public sealed class SqliteSosAlertStoreTests : SosAlertStoreContract
{
    protected override async Task<(ISosAlertStore Store, Func<ValueTask> Release)> OpenAsync()
    {
        var directory = new TempDirectory();
        var sqlite = await MigratedSqlite.OpenAsync(directory.Path, SosMigrations.All);
        return (new SqliteSosAlertStore(sqlite.Database, sqlite.Writer), async () =>
        {
            await sqlite.DisposeAsync();
            directory.Dispose();
        });
    }

    [Fact]
    public async Task An_alert_stored_before_vehicles_survives_the_migration_and_reads_back_without_one()
    {
        using var directory = new TempDirectory();
        await using (var before = await MigratedSqlite.OpenAsync(directory.Path, [SosMigrations.CreateAlerts]))
        {
            await before.ExecuteAsync(
                """
                INSERT INTO sos_alerts (id, raised_by, raised_by_phone, idempotency_key, trip_id, driver_id, lat, lng, note, raised_at, contacts, status,
                    escalation_level, acknowledged_by, acknowledged_at, closed_by, closed_at, workflow_started)
                VALUES ('sos_old', 'usr_a', NULL, 'k1', 'trp_1', 'usr_driver', 12.97, 77.59, NULL, 1764511200000, '[]', 'active', 2, NULL, NULL, NULL, NULL, 1);
                """);
        }

        await using var after = await MigratedSqlite.OpenAsync(directory.Path, SosMigrations.All);
        var old = await new SqliteSosAlertStore(after.Database, after.Writer).FindAsync("sos_old", CancellationToken.None);

        Assert.NotNull(old);
        Assert.Null(old.Vehicle);
        Assert.Equal(("trp_1", "usr_driver", 2, SosStatus.Active), (old.TripId, old.DriverId, old.EscalationLevel, old.Status));
    }
}
