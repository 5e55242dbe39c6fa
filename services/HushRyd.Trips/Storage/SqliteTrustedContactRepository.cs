using System.Text.Json;
using HushRyd.Platform.State;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Trips.Places;
using HushRyd.Trips.TrustedContacts;

namespace HushRyd.Trips.Storage;

public sealed class SqliteTrustedContactRepository(SqliteDatabase database, SqliteWriter writer) : ITrustedContactRepository
{
    public async Task<IReadOnlyList<TrustedContact>> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = connection.ReadAll(null, "SELECT contacts FROM trusted_contacts WHERE user_id = $user;", row => row.GetString(0), ("$user", userId));
        return rows.Count == 0 ? [] : JsonSerializer.Deserialize<TrustedContact[]>(rows[0], StateJson.Options)!;
    }

    public Task SaveAsync(string userId, IReadOnlyList<TrustedContact> contacts, DateTimeOffset at, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) => connection.Execute(
                transaction,
                """
                INSERT INTO trusted_contacts (user_id, contacts, region, created_at, updated_at) VALUES ($user, $contacts, $region, $at, $at)
                ON CONFLICT (user_id) DO UPDATE SET contacts = excluded.contacts, updated_at = excluded.updated_at;
                """,
                ("$user", userId),
                ("$contacts", JsonSerializer.Serialize(contacts, StateJson.Options)),
                ("$region", Region.National),
                ("$at", at.ToUnixTimeMilliseconds())),
            cancellationToken);
}
