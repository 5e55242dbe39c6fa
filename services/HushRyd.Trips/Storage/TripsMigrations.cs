using HushRyd.Runtime.Embedded.Sqlite;

namespace HushRyd.Trips.Storage;

/// <summary>The embedded schema; its indexes mirror the seed's MongoDB indexes for the same queries.</summary>
public static class TripsMigrations
{
    public static readonly SqliteMigration CreateTrips = new(
        "trips-0001-trips",
        """
        CREATE TABLE trips (
            id TEXT PRIMARY KEY,
            driver_id TEXT NOT NULL,
            source_city TEXT NOT NULL,
            source_lat REAL NOT NULL,
            source_lng REAL NOT NULL,
            source_address TEXT,
            destination_city TEXT NOT NULL,
            destination_lat REAL NOT NULL,
            destination_lng REAL NOT NULL,
            destination_address TEXT,
            departure_time INTEGER NOT NULL,
            seats INTEGER NOT NULL CHECK (seats > 0),
            seats_available INTEGER NOT NULL CHECK (seats_available >= 0 AND seats_available <= seats),
            fare TEXT NOT NULL,
            status TEXT NOT NULL,
            region TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            started_at INTEGER,
            ended_at INTEGER);
        CREATE INDEX trips_status_city_departure ON trips (status, source_city, departure_time, id);
        CREATE INDEX trips_driver_status ON trips (driver_id, status);
        CREATE INDEX trips_status_source_lat ON trips (status, source_lat);
        """);

    public static readonly SqliteMigration CreateBookings = new(
        "trips-0002-bookings",
        """
        CREATE TABLE bookings (
            id TEXT PRIMARY KEY,
            trip_id TEXT NOT NULL REFERENCES trips (id),
            passenger_id TEXT NOT NULL,
            seats INTEGER NOT NULL CHECK (seats > 0),
            status TEXT NOT NULL,
            region TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            cancelled_at INTEGER);
        CREATE INDEX bookings_passenger_status ON bookings (passenger_id, status);
        CREATE INDEX bookings_trip_status ON bookings (trip_id, status);
        CREATE INDEX bookings_created ON bookings (created_at DESC);
        """);

    public static readonly SqliteMigration CreateTrustedContacts = new(
        "trips-0003-trusted-contacts",
        """
        CREATE TABLE trusted_contacts (
            user_id TEXT PRIMARY KEY,
            contacts TEXT NOT NULL,
            region TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        """);

    /// <summary>Trips stored before it keep no vehicle (all three columns null); a trip has all three or none.</summary>
    public static readonly SqliteMigration AddTripVehicle = new(
        "trips-0004-trip-vehicle",
        """
        ALTER TABLE trips ADD COLUMN vehicle_registration TEXT;
        ALTER TABLE trips ADD COLUMN vehicle_make_model TEXT;
        ALTER TABLE trips ADD COLUMN vehicle_colour TEXT;
        """);

    /// <summary>In the order they apply.</summary>
    public static IReadOnlyList<SqliteMigration> All { get; } = [CreateTrips, CreateBookings, CreateTrustedContacts, AddTripVehicle];
}
