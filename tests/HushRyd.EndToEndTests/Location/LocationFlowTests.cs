using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.EndToEndTests.Trips;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Location;

/// <summary>The location API over HTTP against the real server process on the embedded runtime; one server for the class.</summary>
public sealed class LocationFlowTests(LocationServer fixture) : IClassFixture<LocationServer>
{
    private readonly ServerProcess _server = fixture.Server;
    private readonly HttpClient _driver = fixture.Driver;
    private readonly HttpClient _passenger = fixture.Passenger;

    [Fact]
    public async Task The_driver_reports_and_the_passenger_an_admin_and_a_share_link_read_the_newest_fix()
    {
        var trip = await LocationRequests.StartedTripAsync(_driver, _passenger);
        var now = DateTimeOffset.UtcNow;

        using var first = await LocationRequests.PutAsync(_driver, trip, LocationRequests.Report(12.9716, 77.5946, now.AddSeconds(-2)));
        using var late = await LocationRequests.PutAsync(_driver, trip, LocationRequests.Report(12.1111, 77.1111, now.AddSeconds(-10)));
        var asPassenger = await GetJsonAsync(_passenger, $"/api/v1/trips/{trip}/location");
        var admin = await SignInAsync(TestLogin.AdminPhone);
        var asAdmin = await GetJsonAsync(admin, $"/api/v1/trips/{trip}/location");
        using var shared = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/share", UriKind.Relative), null);
        var token = (await HttpJson.ReadAsync(shared)).GetProperty("token").GetString();
        using var family = new HttpClient { BaseAddress = _server.BaseAddress };
        var asFamily = await GetJsonAsync(family, $"/api/v1/trips/{trip}/location?shareToken={token}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, late.StatusCode);
        foreach (var seen in new[] { asPassenger, asAdmin, asFamily })
        {
            Assert.Equal(12.9716, seen.GetProperty("lat").GetDouble());
            Assert.Equal(77.5946, seen.GetProperty("lng").GetDouble());
            Assert.Equal(32.5, seen.GetProperty("speed").GetDouble());
            Assert.Equal(now.AddSeconds(-2).ToUnixTimeMilliseconds(), seen.GetProperty("timestamp").GetDateTimeOffset().ToUnixTimeMilliseconds());
            Assert.False(seen.GetProperty("stale").GetBoolean());
        }
    }

    [Fact]
    public async Task Only_the_trips_driver_reports_only_while_it_is_under_way_and_only_its_people_read_it()
    {
        var trip = await LocationRequests.StartedTripAsync(_driver, _passenger);
        var otherDriver = await SignInAsync(TestLogin.DriverPhones[1]);
        var stranger = await SignInAsync("+919812340102");
        using var scheduled = await _driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        var notStarted = (await HttpJson.ReadAsync(scheduled)).GetProperty("id").GetString();
        var report = LocationRequests.Report(12.97, 77.59, DateTimeOffset.UtcNow);

        using var byPassenger = await LocationRequests.PutAsync(_passenger, trip, report);
        using var byOtherDriver = await LocationRequests.PutAsync(otherDriver, trip, report);
        using var beforeStart = await LocationRequests.PutAsync(_driver, notStarted!, report);
        using var unknown = await LocationRequests.PutAsync(_driver, "trp_unknown", report);
        using var anonymous = new HttpClient { BaseAddress = _server.BaseAddress };
        using var unsigned = await LocationRequests.PutAsync(anonymous, trip, report);
        using var strangerRead = await stranger.GetAsync(new Uri($"/api/v1/trips/{trip}/location", UriKind.Relative));
        using var forgedShare = await anonymous.GetAsync(new Uri($"/api/v1/trips/{trip}/location?shareToken=abc", UriKind.Relative));
        using var nothingYet = await _passenger.GetAsync(new Uri($"/api/v1/trips/{trip}/location", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, byPassenger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherDriver.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, beforeStart.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, strangerRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forgedShare.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nothingYet.StatusCode);
        Assert.Equal("application/problem+json", byPassenger.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_report_refused_before_the_start_does_not_keep_the_next_one_after_the_start_waiting()
    {
        using var published = await _driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        var trip = (await HttpJson.ReadAsync(published)).GetProperty("id").GetString()!;

        using var early = await LocationRequests.PutAsync(_driver, trip, LocationRequests.Report(12.97, 77.59, DateTimeOffset.UtcNow));
        using var started = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/start", UriKind.Relative), null);
        using var afterStart = await LocationRequests.PutAsync(_driver, trip, LocationRequests.Report(12.98, 77.59, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, afterStart.StatusCode);
    }

    [Theory]
    [InlineData("""{"lat":90.5,"lng":77.59,"timestamp":"NOW"}""", "lat")]
    [InlineData("""{"lat":12.97,"lng":-180.01,"timestamp":"NOW"}""", "lng")]
    [InlineData("""{"lng":77.59,"timestamp":"NOW"}""", "lat")]
    [InlineData("""{"lat":12.97,"lng":77.59,"speed":-1,"timestamp":"NOW"}""", "speed")]
    [InlineData("""{"lat":12.97,"lng":77.59,"heading":360,"timestamp":"NOW"}""", "heading")]
    [InlineData("""{"lat":12.97,"lng":77.59}""", "timestamp")]
    [InlineData("""{"lat":12.97,"lng":77.59,"timestamp":"FUTURE"}""", "timestamp")]
    [InlineData("""{"lat":12.97,"lng":77.59,"timestamp":"OLD"}""", "timestamp")]
    public async Task A_bad_report_is_a_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var trip = await LocationRequests.StartedTripAsync(_driver, null);
        var now = DateTimeOffset.UtcNow;
        var json = body.Replace("NOW", now.ToString("O"), StringComparison.Ordinal)
            .Replace("FUTURE", now.AddSeconds(60).ToString("O"), StringComparison.Ordinal)
            .Replace("OLD", now.AddHours(-25).ToString("O"), StringComparison.Ordinal);

        using var response = await _driver.PutAsync(new Uri($"/api/v1/trips/{trip}/location", UriKind.Relative), new StringContent(json, MediaTypeHeaderValue.Parse("application/json")));
        using var read = await _driver.GetAsync(new Uri($"/api/v1/trips/{trip}/location", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await HttpJson.ReadAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task A_batch_takes_the_valid_items_and_names_each_rejected_one_by_index_and_reason()
    {
        var trip = await LocationRequests.StartedTripAsync(_driver, null);
        var now = DateTimeOffset.UtcNow;
        object[] items =
        [
            new { tripId = trip, lat = 12.90, lng = 77.50, timestamp = now.AddSeconds(-3) },
            new { tripId = trip, lat = 91.0, lng = 77.50, timestamp = now },
            new { tripId = "trp_unknown", lat = 12.9, lng = 77.5, timestamp = now },
            new { tripId = trip, lat = 12.91, lng = 77.51, timestamp = now.AddSeconds(-1) },
        ];

        using var response = await _driver.PostAsJsonAsync(new Uri("/api/v1/locations/batch", UriKind.Relative), items);
        using var tooMany = await _driver.PostAsJsonAsync(
            new Uri("/api/v1/locations/batch", UriKind.Relative), Enumerable.Repeat(items[0], 1001).ToArray());
        using var byPassenger = await _passenger.PostAsJsonAsync(new Uri("/api/v1/locations/batch", UriKind.Relative), items);
        var stored = await GetJsonAsync(_driver, $"/api/v1/trips/{trip}/location");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = await HttpJson.ReadAsync(response);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().ToArray();
        Assert.Equal([1, 2], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.StartsWith("lat:", rejected[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("tripId:", rejected[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byPassenger.StatusCode);
        Assert.Equal(12.91, stored.GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task A_fleet_scoped_api_key_reports_for_any_started_trip_and_an_unscoped_key_may_not()
    {
        var trip = await LocationRequests.StartedTripAsync(_driver, null);
        var admin = await SignInAsync(TestLogin.AdminPhone);
        var fleetKey = await CreateKeyAsync(admin, new { name = "Fleet telematics", scopes = new[] { "fleet" } });
        var plainKey = await CreateKeyAsync(admin, new { name = "Partner" });
        object[] items = [new { tripId = trip, lat = 12.95, lng = 77.55, timestamp = DateTimeOffset.UtcNow }];

        using var fleet = new HttpClient { BaseAddress = _server.BaseAddress };
        fleet.DefaultRequestHeaders.Add("X-Api-Key", fleetKey);
        using var plain = new HttpClient { BaseAddress = _server.BaseAddress };
        plain.DefaultRequestHeaders.Add("X-Api-Key", plainKey);
        using var byFleet = await fleet.PostAsJsonAsync(new Uri("/api/v1/locations/batch", UriKind.Relative), items);
        using var byPlain = await plain.PostAsJsonAsync(new Uri("/api/v1/locations/batch", UriKind.Relative), items);
        using var unknownScope = await admin.PostAsJsonAsync(new Uri("/admin/v1/api-keys", UriKind.Relative), new { name = "x", scopes = new[] { "root" } });

        Assert.Equal(HttpStatusCode.Accepted, byFleet.StatusCode);
        Assert.Equal(1, (await HttpJson.ReadAsync(byFleet)).GetProperty("accepted").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byPlain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownScope.StatusCode);
        Assert.Equal(12.95, (await GetJsonAsync(_driver, $"/api/v1/trips/{trip}/location")).GetProperty("lat").GetDouble());
    }

    [Fact]
    public async Task The_track_returns_every_accepted_fix_oldest_first_thinned_to_max_points()
    {
        var trip = await LocationRequests.StartedTripAsync(_driver, _passenger);
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var items = Enumerable.Range(0, 50).Select(i => new { tripId = trip, lat = 12.90 + (i * 0.001), lng = 77.50, timestamp = start.AddSeconds(i * 4) }).ToArray();
        using var batch = await _driver.PostAsJsonAsync(new Uri("/api/v1/locations/batch", UriKind.Relative), items);
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);

        JsonElement full = default;
        Assert.True(await Eventually.HoldsAsync(
            async () => (full = await GetJsonAsync(_passenger, $"/api/v1/trips/{trip}/track")).GetProperty("points").GetArrayLength() == 50,
            TimeSpan.FromSeconds(10)));
        var thinned = await GetJsonAsync(_passenger, $"/api/v1/trips/{trip}/track?maxPoints=10");
        var stranger = await SignInAsync("+919812340103");
        using var refused = await stranger.GetAsync(new Uri($"/api/v1/trips/{trip}/track", UriKind.Relative));

        var times = full.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("timestamp").GetDateTimeOffset()).ToArray();
        Assert.Equal(times.Order(), times);
        var points = thinned.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(10, points.Length);
        Assert.Equal(12.90, points[0].GetProperty("lat").GetDouble(), 6);
        Assert.Equal(12.949, points[^1].GetProperty("lat").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, thinned.GetProperty("nextPageToken").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Online_drivers_are_found_nearby_nearest_first_and_one_going_offline_is_not()
    {
        var otherDriver = await SignInAsync(TestLogin.DriverPhones[1]);
        using var online = await _driver.PutAsJsonAsync(new Uri("/api/v1/drivers/me/availability", UriKind.Relative), new { online = true, lat = 12.9720, lng = 77.5946 });
        using var alsoOnline = await otherDriver.PutAsJsonAsync(new Uri("/api/v1/drivers/me/availability", UriKind.Relative), new { online = true, lat = 12.9800, lng = 77.5946 });
        var both = await GetJsonAsync(_passenger, "/api/v1/drivers/nearby?lat=12.9716&lng=77.5946&radiusKm=3");
        using var offline = await otherDriver.PutAsJsonAsync(new Uri("/api/v1/drivers/me/availability", UriKind.Relative), new { online = false });
        var one = await GetJsonAsync(_passenger, "/api/v1/drivers/nearby?lat=12.9716&lng=77.5946&radiusKm=3");
        using var byPassenger = await _passenger.PutAsJsonAsync(new Uri("/api/v1/drivers/me/availability", UriKind.Relative), new { online = true, lat = 12.97, lng = 77.59 });
        using var badRadius = await _passenger.GetAsync(new Uri("/api/v1/drivers/nearby?lat=12.97&lng=77.59&radiusKm=80", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, online.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, alsoOnline.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, offline.StatusCode);
        var distances = both.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("distanceKm").GetDouble()).ToArray();
        Assert.Equal(2, distances.Length);
        Assert.True(distances[0] < distances[1]);
        Assert.Single(one.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, byPassenger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRadius.StatusCode);
    }

    private async Task<string> CreateKeyAsync(HttpClient admin, object request)
    {
        using var created = await admin.PostAsJsonAsync(new Uri("/admin/v1/api-keys", UriKind.Relative), request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await HttpJson.ReadAsync(created)).GetProperty("secret").GetString()!;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await HttpJson.ReadAsync(response);
    }

    private Task<HttpClient> SignInAsync(string phone) => fixture.SignInAsync(phone);
}
