using System.Text.Json;
using HushRyd.Platform.State;
using HushRyd.Platform.Trips;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Data.Sqlite;

namespace HushRyd.Sos.Storage;

/// <summary>Alerts in the embedded database, written through the single writer: each call returns after its commit.</summary>
public sealed class SqliteSosAlertStore(SqliteDatabase database, SqliteWriter writer) : ISosAlertStore
{
    private const string Columns = "id, raised_by, raised_by_phone, idempotency_key, trip_id, driver_id, lat, lng, note, raised_at, contacts, status, escalation_level, acknowledged_by, acknowledged_at, closed_by, closed_at, workflow_started, vehicle_registration, vehicle_make_model, vehicle_colour";

    public Task<SosAlertCreation> CreateAsync(SosAlert alert, SosTimelineEntry raised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return writer.WriteAsync(
            (connection, transaction) =>
            {
                var inserted = connection.Execute(
                    transaction,
                    $"""
                    INSERT INTO sos_alerts ({Columns}) VALUES ($id, $by, $phone, $key, $trip, $driver, $lat, $lng, $note, $at, $contacts, $status, 0, NULL, NULL, NULL, NULL, 0, $vehicleRegistration, $vehicleMakeModel, $vehicleColour)
                    ON CONFLICT (raised_by, idempotency_key) DO NOTHING;
                    """,
                    ("$id", alert.Id),
                    ("$by", alert.RaisedBy),
                    ("$phone", alert.RaisedByPhone),
                    ("$key", alert.IdempotencyKey),
                    ("$trip", alert.TripId),
                    ("$driver", alert.DriverId),
                    ("$lat", alert.Lat),
                    ("$lng", alert.Lng),
                    ("$note", alert.Note),
                    ("$at", alert.RaisedAt.ToUnixTimeMilliseconds()),
                    ("$contacts", JsonSerializer.Serialize(alert.TrustedContacts, StateJson.Options)),
                    ("$status", alert.Status.WireName()),
                    ("$vehicleRegistration", alert.Vehicle?.Registration),
                    ("$vehicleMakeModel", alert.Vehicle?.MakeModel),
                    ("$vehicleColour", alert.Vehicle?.Colour)) == 1;
                if (inserted)
                {
                    Append(connection, transaction, alert.Id, raised);
                    return new SosAlertCreation(alert, true);
                }

                var earlier = connection.ReadAll(transaction, $"SELECT {Columns} FROM sos_alerts WHERE raised_by = $by AND idempotency_key = $key;", Read, ("$by", alert.RaisedBy), ("$key", alert.IdempotencyKey));
                return new SosAlertCreation(earlier[0], false);
            },
            cancellationToken);
    }

    public async Task<SosAlert?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(null, $"SELECT {Columns} FROM sos_alerts WHERE id = $id;", Read, ("$id", alertId)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<SosAlert>> ListAsync(SosStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            $"SELECT {Columns} FROM sos_alerts WHERE $status IS NULL OR status = $status ORDER BY raised_at DESC, id DESC LIMIT $limit;",
            Read,
            ("$status", status?.WireName()),
            ("$limit", limit));
    }

    public Task<SosTransition?> TransitionAsync(string alertId, SosStatus target, string by, DateTimeOffset at, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) =>
            {
                var sources = SosStatusRules.SourcesOf(target).Select(s => s.WireName()).ToArray();
                var acknowledging = target == SosStatus.Acknowledged;
                var applied = connection.Execute(
                    transaction,
                    $"""
                    UPDATE sos_alerts SET status = $target,
                        acknowledged_by = CASE WHEN $ack THEN $by ELSE acknowledged_by END,
                        acknowledged_at = CASE WHEN $ack THEN $at ELSE acknowledged_at END,
                        closed_by = CASE WHEN $ack THEN closed_by ELSE $by END,
                        closed_at = CASE WHEN $ack THEN closed_at ELSE $at END
                    WHERE id = $id AND status IN ({string.Join(", ", sources.Select((_, i) => $"$from{i}"))});
                    """,
                    [("$target", target.WireName()), ("$ack", acknowledging), ("$by", by), ("$at", at.ToUnixTimeMilliseconds()), ("$id", alertId), .. sources.Select((s, i) => ($"$from{i}", (object?)s))]) == 1;
                if (applied)
                {
                    Append(connection, transaction, alertId, new SosTimelineEntry(at, SosTimelineKinds.Of(target), Detail: by));
                }

                var current = connection.ReadAll(transaction, $"SELECT {Columns} FROM sos_alerts WHERE id = $id;", Read, ("$id", alertId));
                return current.Count == 0 ? null : new SosTransition(current[0], applied);
            },
            cancellationToken);

    public Task AppendAsync(string alertId, SosTimelineEntry entry, CancellationToken cancellationToken) =>
        writer.WriteAsync((connection, transaction) => Append(connection, transaction, alertId, entry), cancellationToken);

    public async Task<IReadOnlyList<SosTimelineEntry>> TimelineAsync(string alertId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            "SELECT at, kind, channel, provider, recipient, result, detail FROM sos_timeline WHERE alert_id = $id ORDER BY seq;",
            row => new SosTimelineEntry(
                DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(0)), row.GetString(1), Text(row, 2), Text(row, 3), Text(row, 4), Text(row, 5), Text(row, 6)),
            ("$id", alertId));
    }

    public Task SetEscalationLevelAsync(string alertId, int level, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) => connection.Execute(
                transaction, "UPDATE sos_alerts SET escalation_level = max(escalation_level, $level) WHERE id = $id;", ("$level", level), ("$id", alertId)),
            cancellationToken);

    public Task MarkWorkflowStartedAsync(string alertId, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) => connection.Execute(transaction, "UPDATE sos_alerts SET workflow_started = 1 WHERE id = $id;", ("$id", alertId)),
            cancellationToken);

    public async Task<IReadOnlyList<SosAlert>> WithoutWorkflowAsync(DateTimeOffset raisedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            $"SELECT {Columns} FROM sos_alerts WHERE workflow_started = 0 AND raised_at < $before ORDER BY raised_at LIMIT $limit;",
            Read,
            ("$before", raisedBefore.ToUnixTimeMilliseconds()),
            ("$limit", limit));
    }

    private static int Append(SqliteConnection connection, SqliteTransaction transaction, string alertId, SosTimelineEntry entry) =>
        connection.Execute(
            transaction,
            "INSERT INTO sos_timeline (alert_id, at, kind, channel, provider, recipient, result, detail) VALUES ($id, $at, $kind, $channel, $provider, $recipient, $result, $detail);",
            ("$id", alertId),
            ("$at", entry.At.ToUnixTimeMilliseconds()),
            ("$kind", entry.Kind),
            ("$channel", entry.Channel),
            ("$provider", entry.Provider),
            ("$recipient", entry.Recipient),
            ("$result", entry.Result),
            ("$detail", entry.Detail));

    private static SosAlert Read(SqliteDataReader row) => new(
        row.GetString(0),
        row.GetString(1),
        Text(row, 2),
        row.GetString(3),
        Text(row, 4),
        Text(row, 5),
        row.GetDouble(6),
        row.GetDouble(7),
        Text(row, 8),
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(9)),
        JsonSerializer.Deserialize<SosContact[]>(row.GetString(10), StateJson.Options)!,
        Enum.Parse<SosStatus>(row.GetString(11), ignoreCase: true),
        row.GetInt32(12),
        Text(row, 13),
        Time(row, 14),
        Text(row, 15),
        Time(row, 16),
        row.GetInt64(17) == 1,
        row.IsDBNull(18) ? null : new TripVehicle(row.GetString(18), row.GetString(19), row.GetString(20)));

    private static string? Text(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static DateTimeOffset? Time(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));
}
