using System.Net;
using System.Net.Http.Json;
using HushRyd.EndToEndTests.Trips;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Location;

/// <summary>The steps location tests take before a position can be reported: a trip published, booked and started.</summary>
internal static class LocationRequests
{
    public static object Report(double lat, double lng, DateTimeOffset at, double? speed = 32.5, double? heading = 180) =>
        new { lat, lng, speed, heading, timestamp = at };

    /// <summary>Publishes a trip as <paramref name="driver"/>, books a seat as <paramref name="passenger"/> and starts it.</summary>
    public static async Task<string> StartedTripAsync(HttpClient driver, HttpClient? passenger)
    {
        using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var trip = (await HttpJson.ReadAsync(published)).GetProperty("id").GetString()!;
        if (passenger is not null)
        {
            using var booked = await passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{trip}/bookings", UriKind.Relative), new { seats = 1 });
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        }

        using var started = await driver.PostAsync(new Uri($"/api/v1/trips/{trip}/start", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        return trip;
    }

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string tripId, object report) =>
        client.PutAsJsonAsync(new Uri($"/api/v1/trips/{tripId}/location", UriKind.Relative), report);
}
