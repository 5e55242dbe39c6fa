using System.Text.Json;
using HushRyd.Platform.State;
using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Runtime.Embedded.State;

/// <summary>Key/value state in the embedded database. ETags are fresh random tokens, so a deleted-then-recreated key never matches an old ETag.</summary>
public sealed class SqliteStateStore(SqliteDatabase database, SqliteWriter writer, TimeProvider time) : IStateStore
{
    public async Task<StateEntry<T>?> GetAsync<T>(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = connection.Command(
            "SELECT value, etag FROM state WHERE key = $key AND (expires_at IS NULL OR expires_at > $now);",
            null,
            ("$key", key),
            ("$now", Now()));
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var value = JsonSerializer.Deserialize<T>((byte[])reader[0], StateJson.Options)!;
        return new StateEntry<T>(key, value, reader.GetString(1));
    }

    public Task SaveAsync<T>(string key, T value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        WriteAsync(
            """
            INSERT INTO state (key, value, etag, expires_at) VALUES ($key, $value, $etag, $expires)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at;
            """,
            key,
            value,
            null,
            timeToLive,
            cancellationToken);

    public async Task<bool> TryAddAsync<T>(string key, T value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        await WriteAsync(
            """
            INSERT INTO state (key, value, etag, expires_at) VALUES ($key, $value, $etag, $expires)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at
            WHERE state.expires_at IS NOT NULL AND state.expires_at <= $now;
            """,
            key,
            value,
            null,
            timeToLive,
            cancellationToken) == 1;

    public async Task<bool> TryUpdateAsync<T>(string key, T value, string etag, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        await WriteAsync(
            """
            UPDATE state SET value = $value, etag = $etag, expires_at = $expires
            WHERE key = $key AND etag = $expected AND (expires_at IS NULL OR expires_at > $now);
            """,
            key,
            value,
            etag,
            timeToLive,
            cancellationToken) == 1;

    public async Task<bool> DeleteAsync(string key, string? etag = null, CancellationToken cancellationToken = default)
    {
        var deleted = await writer.WriteAsync(
            (connection, transaction) => etag is null
                ? connection.Execute(transaction, "DELETE FROM state WHERE key = $key;", ("$key", key))
                : connection.Execute(transaction, "DELETE FROM state WHERE key = $key AND etag = $etag;", ("$key", key), ("$etag", etag)),
            cancellationToken);
        return etag is null || deleted == 1;
    }

    /// <summary>Removes expired entries; reads already ignore them, this only reclaims space.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) => connection.Execute(transaction, "DELETE FROM state WHERE expires_at IS NOT NULL AND expires_at <= $now;", ("$now", Now())),
            cancellationToken);

    private Task<int> WriteAsync<T>(string sql, string key, T value, string? expectedEtag, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var now = Now();
        var payload = JsonSerializer.SerializeToUtf8Bytes(value, StateJson.Options);
        long? expires = timeToLive is { } ttl ? now + (long)ttl.TotalMilliseconds : null;
        return writer.WriteAsync(
            (connection, transaction) => connection.Execute(
                transaction,
                sql,
                ("$key", key),
                ("$value", payload),
                ("$etag", Guid.NewGuid().ToString("N")),
                ("$expected", expectedEtag),
                ("$expires", expires),
                ("$now", now)),
            cancellationToken);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
