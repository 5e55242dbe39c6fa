using System.Globalization;
using HushRyd.Location.History;
using HushRyd.Location.Positions;
using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Location.Storage;

public sealed class SqliteDelayedPositions(SqliteDatabase database, SqliteWriter writer) : IDelayedPositions
{
    public Task AddAsync(IReadOnlyList<PositionUpdate> updates, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) =>
            {
                PositionRows.InsertEach(connection, transaction, $"INSERT INTO location_delayed ({PositionRows.Columns}) VALUES ({PositionRows.Values});", updates);
                return updates.Count;
            },
            cancellationToken);

    public async Task<IReadOnlyList<DelayedPosition>> OldestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            $"SELECT id, {PositionRows.Columns} FROM location_delayed ORDER BY ts, id LIMIT $limit;",
            row => new DelayedPosition(row.GetInt64(0).ToString(CultureInfo.InvariantCulture), PositionRows.Read(row, 1)),
            ("$limit", limit));
    }

    public Task RemoveAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) =>
            {
                using var command = connection.Command("DELETE FROM location_delayed WHERE id = $id;", transaction, ("$id", 0L));
                foreach (var id in ids)
                {
                    command.Parameters["$id"].Value = long.Parse(id, CultureInfo.InvariantCulture);
                    command.ExecuteNonQuery();
                }

                return ids.Count;
            },
            cancellationToken);

    public async Task<PositionUpdate?> LatestAsync(string tripId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return PositionRows.Latest(connection, "location_delayed", tripId);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(null, "SELECT COUNT(*) FROM location_delayed;", row => row.GetInt64(0))[0];
    }
}
