using HushRyd.Platform.Geo;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Places;
using HushRyd.Trips.Trips;
using static HushRyd.Trips.Storage.SqliteTripRows;

namespace HushRyd.Trips.Storage;

public sealed class SqliteTripRepository(SqliteDatabase database, SqliteWriter writer) : ITripRepository
{
    public Task InsertAsync(Trip trip, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) => connection.Execute(
                transaction,
                $"""
                INSERT INTO trips ({TripColumns}) VALUES (
                    $id, $driver, $sourceCity, $sourceLat, $sourceLng, $sourceAddress, $destinationCity, $destinationLat, $destinationLng, $destinationAddress,
                    $departure, $seats, $available, $fare, $status, $region, $createdAt, $startedAt, $endedAt, $vehicleRegistration, $vehicleMakeModel, $vehicleColour);
                """,
                TripParameters(trip)),
            cancellationToken);

    public async Task<Trip?> FindAsync(string tripId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return FindTrip(connection, null, tripId);
    }

    public Task<Trip?> TryTransitionAsync(string tripId, TripTransition transition, DateTimeOffset at, CancellationToken cancellationToken) =>
        writer.WriteAsync(
            (connection, transaction) =>
            {
                var to = TripLifecycle.To(transition);
                var changed = connection.Execute(
                    transaction,
                    """
                    UPDATE trips SET status = $to,
                        started_at = CASE WHEN $to = 'started' THEN $at ELSE started_at END,
                        ended_at = CASE WHEN $to IN ('completed', 'cancelled') THEN $at ELSE ended_at END
                    WHERE id = $id AND status = $from;
                    """,
                    ("$id", tripId),
                    ("$from", TripLifecycle.From(transition).Name()),
                    ("$to", to.Name()),
                    ("$at", at.ToUnixTimeMilliseconds()));
                if (changed == 0)
                {
                    return null;
                }

                if (to == TripStatus.Cancelled)
                {
                    connection.Execute(
                        transaction,
                        "UPDATE bookings SET status = $cancelled, cancelled_at = $at WHERE trip_id = $id AND status = $confirmed;",
                        ("$id", tripId),
                        ("$cancelled", BookingStatus.Cancelled.Name()),
                        ("$confirmed", BookingStatus.Confirmed.Name()),
                        ("$at", at.ToUnixTimeMilliseconds()));
                }

                return FindTrip(connection, transaction, tripId);
            },
            cancellationToken);

    public async Task<TripPage> SearchAsync(TripSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        await using var connection = await database.OpenAsync(cancellationToken);
        var after = search.After;
        var rows = connection.ReadAll(
            null,
            $"""
            SELECT {TripColumns} FROM trips
            WHERE status = $status AND source_city = $city AND departure_time >= $from AND departure_time < $to
              AND ($afterTime IS NULL OR departure_time > $afterTime OR (departure_time = $afterTime AND id > $afterId))
            ORDER BY departure_time, id
            LIMIT $limit;
            """,
            ReadTrip,
            ("$status", search.Status.Name()),
            ("$city", search.City),
            ("$from", search.From.ToUnixTimeMilliseconds()),
            ("$to", search.To.ToUnixTimeMilliseconds()),
            ("$afterTime", after?.DepartureTime.ToUnixTimeMilliseconds()),
            ("$afterId", after?.Id),
            ("$limit", search.Limit + 1));
        return TripPages.From(rows, search.Limit);
    }

    public async Task<IReadOnlyList<NearbyTrip>> FindNearAsync(NearSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var box = GeoDistance.BoundingBox(search.Lat, search.Lng, search.RadiusKm);
        await using var connection = await database.OpenAsync(cancellationToken);
        var candidates = connection.ReadAll(
            null,
            $"""
            SELECT {TripColumns} FROM trips
            WHERE status = $status AND source_lat BETWEEN $minLat AND $maxLat AND source_lng BETWEEN $minLng AND $maxLng
              AND departure_time >= $from;
            """,
            ReadTrip,
            ("$status", search.Status.Name()),
            ("$minLat", box.MinLat),
            ("$maxLat", box.MaxLat),
            ("$minLng", box.MinLng),
            ("$maxLng", box.MaxLng),
            ("$from", search.From.ToUnixTimeMilliseconds()));

        // The box over-selects its corners; the exact distance decides, and orders the page.
        return [.. candidates
            .Select(trip => new NearbyTrip(trip, GeoDistance.Kilometres(search.Lat, search.Lng, trip.Source.Lat, trip.Source.Lng)))
            .Where(nearby => nearby.DistanceKm <= search.RadiusKm)
            .OrderBy(nearby => nearby.DistanceKm)
            .ThenBy(nearby => nearby.Trip.Id, StringComparer.Ordinal)
            .Skip(search.Offset)
            .Take(search.Limit)];
    }
}
