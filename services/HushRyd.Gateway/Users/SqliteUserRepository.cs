using System.Text.Json;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;

namespace HushRyd.Gateway.Users;

public sealed class SqliteUserRepository(SqliteDatabase database, SqliteWriter writer, TimeProvider time) : IUserRepository
{
    public static readonly SqliteMigration CreateUsers = new(
        "gateway-0001-users",
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            phone TEXT NOT NULL UNIQUE,
            roles TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        """);

    public async Task<User?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Read(connection, null, "SELECT id, phone, roles, created_at FROM users WHERE id = $key;", userId);
    }

    public Task<User> GetOrCreateByPhoneAsync(string phone, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var candidate = new User(UserId.New(), phone, roles, time.GetUtcNow());
        return writer.WriteAsync(
            (connection, transaction) =>
            {
                connection.Execute(
                    transaction,
                    "INSERT INTO users (id, phone, roles, created_at) VALUES ($id, $phone, $roles, $at) ON CONFLICT (phone) DO NOTHING;",
                    ("$id", candidate.Id),
                    ("$phone", phone),
                    ("$roles", JsonSerializer.Serialize(roles)),
                    ("$at", candidate.CreatedAt.ToUnixTimeMilliseconds()));
                return Read(connection, transaction, "SELECT id, phone, roles, created_at FROM users WHERE phone = $key;", phone)!;
            },
            cancellationToken);
    }

    public Task<User?> SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) =>
            {
                connection.Execute(transaction, "UPDATE users SET roles = $roles WHERE id = $id;", ("$roles", JsonSerializer.Serialize(roles)), ("$id", userId));
                return Read(connection, transaction, "SELECT id, phone, roles, created_at FROM users WHERE id = $key;", userId);
            },
            cancellationToken);

    private static User? Read(SqliteConnection connection, SqliteTransaction? transaction, string sql, string key)
    {
        using var query = connection.Command(sql, transaction, ("$key", key));
        using var reader = query.ExecuteReader();
        return reader.Read()
            ? new User(reader.GetString(0), reader.GetString(1), JsonSerializer.Deserialize<string[]>(reader.GetString(2))!, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }
}
