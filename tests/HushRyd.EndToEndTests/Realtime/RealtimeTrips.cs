using System.Net;
using System.Net.Http.Json;
using HushRyd.EndToEndTests.Trips;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Realtime;

internal static class RealtimeTrips
{
    /// <summary>A trip published by <paramref name="driver"/> with a confirmed seat for each rider; returns its id.</summary>
    public static async Task<string> PublishAndBookAsync(HttpClient driver, params HttpClient[] riders)
    {
        using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var tripId = (await HttpJson.ReadAsync(published)).GetProperty("id").GetString()!;
        foreach (var rider in riders)
        {
            using var booked = await rider.PostAsJsonAsync(new Uri($"/api/v1/trips/{tripId}/bookings", UriKind.Relative), new { seats = 1 });
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        }

        return tripId;
    }
}
