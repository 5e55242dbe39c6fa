namespace HushRyd.EndToEndTests.Trips;

/// <summary>Request bodies the trip tests send, as a mobile app would.</summary>
internal static class TripRequests
{
    public static object Publish(string city = "Bengaluru", double lat = 12.9716, double lng = 77.5946, int seats = 3, DateTimeOffset? departure = null) => new
    {
        source = new { city, lat, lng, address = "MG Road metro" },
        destination = new { city = "Mysuru", lat = 12.2958, lng = 76.6394, address = "Palace gate" },
        departureTime = departure ?? DateTimeOffset.UtcNow.AddHours(2),
        seats,
        fare = 450.50m,
    };
}
