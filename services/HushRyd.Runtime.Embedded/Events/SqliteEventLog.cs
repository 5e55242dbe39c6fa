using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HushRyd.Runtime.Embedded.Events;

/// <summary>
/// The durable log behind the embedded event bus: an event and one delivery row per subscription are
/// committed together, a delivery row disappears only when its handler succeeded or it was dead-lettered.
/// Event ids are remembered apart from the log, so a publisher's retry is recognised even after delivery.
/// </summary>
public sealed class SqliteEventLog(SqliteDatabase database, SqliteWriter writer, IOptions<EmbeddedEventBusOptions> options, TimeProvider time)
{
    private readonly long _deduplicationMs = (long)options.Value.DeduplicationWindow.TotalMilliseconds;

    /// <returns>False when an event with the same id was published within the deduplication window (a publisher retry).</returns>
    public Task<bool> AppendAsync(string eventId, string topic, byte[] payload, IReadOnlyCollection<string> subscriptions, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return writer.WriteAsync((connection, transaction) =>
        {
            connection.Execute(transaction, "DELETE FROM published_events WHERE published_at < $cutoff;", ("$cutoff", now - _deduplicationMs));
            var first = connection.Execute(
                transaction,
                "INSERT INTO published_events (event_id, published_at) VALUES ($id, $now) ON CONFLICT (event_id) DO NOTHING;",
                ("$id", eventId),
                ("$now", now));
            if (first == 0)
            {
                return false;
            }

            using var insert = connection.Command(
                "INSERT INTO event_log (event_id, topic, payload, published_at) VALUES ($id, $topic, $payload, $now) ON CONFLICT (event_id) DO NOTHING RETURNING seq;",
                transaction,
                ("$id", eventId),
                ("$topic", topic),
                ("$payload", payload),
                ("$now", now));
            if (insert.ExecuteScalar() is not long sequence)
            {
                return false;
            }

            foreach (var subscription in subscriptions)
            {
                connection.Execute(
                    transaction,
                    "INSERT INTO event_deliveries (seq, subscription, next_attempt_at) VALUES ($seq, $sub, $now);",
                    ("$seq", sequence),
                    ("$sub", subscription),
                    ("$now", now));
            }

            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingDelivery>> FetchDueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = connection.Command(
            """
            SELECT d.seq, d.subscription, d.attempts, e.event_id, e.topic, e.payload
            FROM event_deliveries d JOIN event_log e ON e.seq = d.seq
            WHERE d.next_attempt_at <= $now
            ORDER BY d.next_attempt_at, d.seq
            LIMIT $limit;
            """,
            null,
            ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()),
            ("$limit", limit));
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var due = new List<PendingDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new PendingDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), (byte[])reader[5]));
        }

        return due;
    }

    public Task AcknowledgeAsync(PendingDelivery delivery) =>
        writer.WriteAsync((connection, transaction) =>
        {
            Remove(connection, transaction, delivery);
            return true;
        });

    public Task RescheduleAsync(PendingDelivery delivery, DateTimeOffset nextAttemptAt, string error) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            transaction,
            "UPDATE event_deliveries SET attempts = attempts + 1, next_attempt_at = $next, last_error = $error WHERE seq = $seq AND subscription = $sub;",
            ("$next", nextAttemptAt.ToUnixTimeMilliseconds()),
            ("$error", error),
            ("$seq", delivery.Sequence),
            ("$sub", delivery.Subscription)));

    public Task DeadLetterAsync(PendingDelivery delivery, string error)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return writer.WriteAsync((connection, transaction) =>
        {
            connection.Execute(
                transaction,
                """
                INSERT OR REPLACE INTO event_dead_letters (seq, subscription, topic, event_id, payload, attempts, last_error, dead_at)
                VALUES ($seq, $sub, $topic, $id, $payload, $attempts, $error, $now);
                """,
                ("$seq", delivery.Sequence),
                ("$sub", delivery.Subscription),
                ("$topic", delivery.Topic),
                ("$id", delivery.EventId),
                ("$payload", delivery.Payload),
                ("$attempts", delivery.Attempts + 1),
                ("$error", error),
                ("$now", now));
            Remove(connection, transaction, delivery);
            return true;
        });
    }

    public async Task<IReadOnlyList<DeadLetter>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = connection.Command(
            "SELECT seq, subscription, topic, event_id, attempts, last_error, dead_at FROM event_dead_letters ORDER BY dead_at DESC LIMIT $limit;",
            null,
            ("$limit", limit));
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        return letters;
    }

    public async Task<long> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = connection.Command("SELECT count(*) FROM event_deliveries;");
        return (long)(await query.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void Remove(SqliteConnection connection, SqliteTransaction transaction, PendingDelivery delivery)
    {
        connection.Execute(
            transaction,
            "DELETE FROM event_deliveries WHERE seq = $seq AND subscription = $sub;",
            ("$seq", delivery.Sequence),
            ("$sub", delivery.Subscription));
        connection.Execute(
            transaction,
            "DELETE FROM event_log WHERE seq = $seq AND NOT EXISTS (SELECT 1 FROM event_deliveries WHERE seq = $seq);",
            ("$seq", delivery.Sequence));
    }
}
