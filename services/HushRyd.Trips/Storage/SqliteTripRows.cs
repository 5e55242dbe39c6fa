using System.Globalization;
using HushRyd.Platform.Trips;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Places;
using HushRyd.Trips.Trips;
using Microsoft.Data.Sqlite;

namespace HushRyd.Trips.Storage;

/// <summary>Rows to records and back for the embedded trips and bookings tables.</summary>
internal static class SqliteTripRows
{
    public const string TripColumns =
        "id, driver_id, source_city, source_lat, source_lng, source_address, destination_city, destination_lat, destination_lng, destination_address, " +
        "departure_time, seats, seats_available, fare, status, region, created_at, started_at, ended_at, vehicle_registration, vehicle_make_model, vehicle_colour";

    public const string BookingColumns = "id, trip_id, passenger_id, seats, status, region, created_at, cancelled_at";

    public static (string Name, object? Value)[] TripParameters(Trip trip) =>
    [
        ("$id", trip.Id),
        ("$driver", trip.DriverId),
        ("$sourceCity", trip.Source.City),
        ("$sourceLat", trip.Source.Lat),
        ("$sourceLng", trip.Source.Lng),
        ("$sourceAddress", trip.Source.Address),
        ("$destinationCity", trip.Destination.City),
        ("$destinationLat", trip.Destination.Lat),
        ("$destinationLng", trip.Destination.Lng),
        ("$destinationAddress", trip.Destination.Address),
        ("$departure", trip.DepartureTime.ToUnixTimeMilliseconds()),
        ("$seats", trip.Seats),
        ("$available", trip.SeatsAvailable),
        ("$fare", trip.Fare.ToString(CultureInfo.InvariantCulture)),
        ("$status", trip.Status.Name()),
        ("$region", trip.Region),
        ("$createdAt", trip.CreatedAt.ToUnixTimeMilliseconds()),
        ("$startedAt", trip.StartedAt?.ToUnixTimeMilliseconds()),
        ("$endedAt", trip.EndedAt?.ToUnixTimeMilliseconds()),
        ("$vehicleRegistration", trip.Vehicle?.Registration),
        ("$vehicleMakeModel", trip.Vehicle?.MakeModel),
        ("$vehicleColour", trip.Vehicle?.Colour),
    ];

    public static Trip ReadTrip(SqliteDataReader row) => new(
        Id: row.GetString(0),
        DriverId: row.GetString(1),
        Source: new Place(row.GetString(2), row.GetDouble(3), row.GetDouble(4), row.IsDBNull(5) ? null : row.GetString(5)),
        Destination: new Place(row.GetString(6), row.GetDouble(7), row.GetDouble(8), row.IsDBNull(9) ? null : row.GetString(9)),
        DepartureTime: Time(row.GetInt64(10)),
        Seats: row.GetInt32(11),
        SeatsAvailable: row.GetInt32(12),
        Fare: decimal.Parse(row.GetString(13), CultureInfo.InvariantCulture),
        Status: TripStatusNames.Parse(row.GetString(14)),
        Region: row.GetString(15),
        CreatedAt: Time(row.GetInt64(16)),
        StartedAt: row.IsDBNull(17) ? null : Time(row.GetInt64(17)),
        EndedAt: row.IsDBNull(18) ? null : Time(row.GetInt64(18)),
        Vehicle: row.IsDBNull(19) ? null : new TripVehicle(row.GetString(19), row.GetString(20), row.GetString(21)));

    public static Booking ReadBooking(SqliteDataReader row) => new(
        Id: row.GetString(0),
        TripId: row.GetString(1),
        PassengerId: row.GetString(2),
        Seats: row.GetInt32(3),
        Status: BookingStatusNames.Parse(row.GetString(4)),
        Region: row.GetString(5),
        CreatedAt: Time(row.GetInt64(6)),
        CancelledAt: row.IsDBNull(7) ? null : Time(row.GetInt64(7)));

    public static Trip? FindTrip(SqliteConnection connection, SqliteTransaction? transaction, string tripId) =>
        connection.ReadAll(transaction, $"SELECT {TripColumns} FROM trips WHERE id = $id;", ReadTrip, ("$id", tripId)).FirstOrDefault();

    public static Booking? FindBooking(SqliteConnection connection, SqliteTransaction? transaction, string bookingId) =>
        connection.ReadAll(transaction, $"SELECT {BookingColumns} FROM bookings WHERE id = $id;", ReadBooking, ("$id", bookingId)).FirstOrDefault();

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
