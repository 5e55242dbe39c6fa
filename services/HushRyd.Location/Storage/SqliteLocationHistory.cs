using HushRyd.Location.History;
using HushRyd.Location.Positions;
using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Location.Storage;

public sealed class SqliteLocationHistory(SqliteDatabase database, SqliteWriter writer) : ILocationHistory
{
    public Task AppendAsync(IReadOnlyList<PositionUpdate> updates, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) =>
            {
                PositionRows.InsertEach(connection, transaction, $"INSERT OR IGNORE INTO location_history ({PositionRows.Columns}) VALUES ({PositionRows.Values});", updates);
                return updates.Count;
            },
            cancellationToken);

    public async Task<IReadOnlyList<PositionUpdate>> TrackAsync(string tripId, long afterTimestamp, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.ReadAll(
            null,
            $"SELECT {PositionRows.Columns} FROM location_history WHERE trip_id = $trip AND ts > $after ORDER BY ts LIMIT $limit;",
            row => PositionRows.Read(row),
            ("$trip", tripId),
            ("$after", afterTimestamp),
            ("$limit", limit));
    }

    public async Task<PositionUpdate?> LatestAsync(string tripId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return PositionRows.Latest(connection, "location_history", tripId);
    }
}
