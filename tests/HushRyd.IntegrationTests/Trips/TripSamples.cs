using HushRyd.Platform.Geo;
using HushRyd.Trips.Bookings;
using HushRyd.Trips.Places;
using HushRyd.Trips.Trips;

namespace HushRyd.IntegrationTests.Trips;

/// <summary>Trips and bookings around Pune, with times at millisecond precision as both stores keep them.</summary>
public static class TripSamples
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 6, 30, 15, 123, TimeSpan.Zero);

    public const double PuneLat = 18.5204;
    public const double PuneLng = 73.8567;

    public static Trip Trip(
        DateTimeOffset? departure = null,
        int seats = 4,
        string city = "Pune",
        double lat = PuneLat,
        double lng = PuneLng,
        TripStatus status = TripStatus.Scheduled,
        string? id = null) =>
        new(
            id ?? TripId.New(),
            "usr_driver",
            new Place(city, lat, lng, "FC Road, Shivajinagar"),
            new Place("Mumbai", 19.0760, 72.8777, null),
            departure ?? Now.AddHours(2),
            seats,
            seats,
            450.50m,
            status,
            Region.West,
            Now);

    public static Booking Booking(Trip trip, int seats = 1, string passenger = "usr_passenger", DateTimeOffset? at = null) =>
        new(BookingId.New(), trip.Id, passenger, seats, BookingStatus.Confirmed, trip.Region, at ?? Now);

    /// <summary>A point <paramref name="km"/> kilometres due north of Pune's centre.</summary>
    public static double NorthOfPune(double km) => PuneLat + (km / GeoDistance.EarthRadiusKm * (180 / Math.PI));
}
