namespace HushRyd.EndToEndTests.Trips;

/// <summary>Request bodies the trip tests send, as a mobile app would.</summary>
internal static class TripRequests
{
    /// <summary>The vehicle's plate as a driver might type it; the server stores <see cref="Plate"/>.</summary>
    public const string TypedPlate = "ka-01-ab-1234";

    public const string Plate = "KA 01 AB 1234";

    public static object Publish(string city = "Bengaluru", double lat = 12.9716, double lng = 77.5946, int seats = 3, DateTimeOffset? departure = null, bool withVehicle = true) => new
    {
        source = new { city, lat, lng, address = "MG Road metro" },
        destination = new { city = "Mysuru", lat = 12.2958, lng = 76.6394, address = "Palace gate" },
        departureTime = departure ?? DateTimeOffset.UtcNow.AddHours(2),
        seats,
        fare = 450.50m,
        vehicle = withVehicle ? new { registration = TypedPlate, makeModel = "Maruti Suzuki Swift", colour = "White" } : null,
    };
}
