using HushRyd.Location.Positions;
using HushRyd.Runtime.Embedded.Sqlite;
using Microsoft.Data.Sqlite;

namespace HushRyd.Location.Storage;

/// <summary>The columns history and the delayed buffer share, written and read in one order.</summary>
internal static class PositionRows
{
    public const string Columns = "trip_id, ts, driver_id, lat, lng, speed, heading";

    public const string Values = "$trip, $ts, $driver, $lat, $lng, $speed, $heading";

    /// <summary>Runs <paramref name="sql"/> once per update with one prepared command.</summary>
    public static void InsertEach(SqliteConnection connection, SqliteTransaction transaction, string sql, IReadOnlyList<PositionUpdate> updates)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var trip = command.Parameters.Add("$trip", SqliteType.Text);
        var ts = command.Parameters.Add("$ts", SqliteType.Integer);
        var driver = command.Parameters.Add("$driver", SqliteType.Text);
        var lat = command.Parameters.Add("$lat", SqliteType.Real);
        var lng = command.Parameters.Add("$lng", SqliteType.Real);
        var speed = command.Parameters.Add("$speed", SqliteType.Real);
        var heading = command.Parameters.Add("$heading", SqliteType.Real);
        command.Prepare();
        foreach (var update in updates)
        {
            trip.Value = update.TripId;
            ts.Value = update.Timestamp;
            driver.Value = update.DriverId;
            lat.Value = update.Lat;
            lng.Value = update.Lng;
            speed.Value = (object?)update.Speed ?? DBNull.Value;
            heading.Value = (object?)update.Heading ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Reads the <see cref="Columns"/> starting at <paramref name="first"/>.</summary>
    public static PositionUpdate Read(SqliteDataReader row, int first = 0) => new(
        row.GetString(first),
        row.GetString(first + 2),
        row.GetDouble(first + 3),
        row.GetDouble(first + 4),
        row.IsDBNull(first + 5) ? null : row.GetDouble(first + 5),
        row.IsDBNull(first + 6) ? null : row.GetDouble(first + 6),
        row.GetInt64(first + 1));

    /// <summary>The newest row of a trip in <paramref name="table"/> (history or the delayed buffer), or null.</summary>
    public static PositionUpdate? Latest(SqliteConnection connection, string table, string tripId)
    {
        var rows = connection.ReadAll(null, $"SELECT {Columns} FROM {table} WHERE trip_id = $trip ORDER BY ts DESC LIMIT 1;", row => Read(row), ("$trip", tripId));
        return rows.Count == 0 ? null : rows[0];
    }
}
