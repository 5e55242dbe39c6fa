using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Trips;

/// <summary>Trips, bookings and trusted contacts over HTTP against the real server process.</summary>
public sealed class TripFlowTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly List<HttpClient> _clients = [];
    private ServerProcess _server = null!;
    private HttpClient _driver = null!;
    private HttpClient _passenger = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(_data.Path);
        (await _server.WaitUntilReadyAsync()).Dispose();
        _driver = await SignInAsync(TestLogin.DriverPhones[0]);
        _passenger = await SignInAsync("+919812340001");
    }

    [Fact]
    public async Task A_driver_publishes_a_passenger_finds_it_by_city_and_nearby_books_and_the_driver_starts_it()
    {
        var trip = await PublishAsync(_driver, TripRequests.Publish(seats: 3));

        var byCity = await GetJsonAsync(_passenger, "/api/v1/trips?city=bangalore");
        var near = await GetJsonAsync(_passenger, "/api/v1/trips/near?lat=12.9750&lng=77.6000&radiusKm=2");
        using var booked = await _passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{trip}/bookings", UriKind.Relative), new { seats = 2 });
        var driversView = await GetJsonAsync(_driver, $"/api/v1/trips/{trip}/bookings");
        using var started = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/start", UriKind.Relative), null);
        using var lateBooking = await _passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{trip}/bookings", UriKind.Relative), new { seats = 1 });
        var own = await GetJsonAsync(_passenger, "/api/v1/bookings?status=confirmed");

        Assert.Contains(trip, byCity.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var nearby = Assert.Single(near.GetProperty("items").EnumerateArray(), n => n.GetProperty("trip").GetProperty("id").GetString() == trip);
        Assert.InRange(nearby.GetProperty("distanceKm").GetDouble(), 0.3, 1.0);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(2, Assert.Single(driversView.EnumerateArray()).GetProperty("seats").GetInt32());
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var startedTrip = await HttpJson.ReadAsync(started);
        Assert.Equal("started", startedTrip.GetProperty("status").GetString());
        Assert.Equal(1, startedTrip.GetProperty("seatsAvailable").GetInt32());
        Assert.Equal("in-south", startedTrip.GetProperty("region").GetString());
        Assert.Equal(HttpStatusCode.Conflict, lateBooking.StatusCode);
        Assert.Equal(trip, Assert.Single(own.EnumerateArray()).GetProperty("tripId").GetString());
    }

    [Fact]
    public async Task Illegal_transitions_are_409_and_only_the_trips_own_driver_may_change_it()
    {
        var trip = await PublishAsync(_driver, TripRequests.Publish());
        using var otherDriver = await SignInAsync(TestLogin.DriverPhones[1]);

        using var completeEarly = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/complete", UriKind.Relative), null);
        using var byOtherDriver = await otherDriver.PostAsync(new Uri($"/api/v1/trips/{trip}/start", UriKind.Relative), null);
        using var start = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/start", UriKind.Relative), null);
        using var startAgain = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/start", UriKind.Relative), null);
        using var cancelStarted = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/cancel", UriKind.Relative), null);
        using var complete = await _driver.PostAsync(new Uri($"/api/v1/trips/{trip}/complete", UriKind.Relative), null);
        using var unknown = await _driver.PostAsync(new Uri("/api/v1/trips/trp_unknown/start", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, completeEarly.StatusCode);
        Assert.Equal("application/problem+json", completeEarly.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherDriver.StatusCode);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, startAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cancelStarted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("source.city", """{"source":{"lat":12.97,"lng":77.59},"destination":{"city":"Mysuru","lat":12.29,"lng":76.63},"departureTime":"2099-01-01T00:00:00Z","seats":2,"fare":100}""")]
    [InlineData("departureTime", """{"source":{"city":"Pune","lat":18.52,"lng":73.85},"destination":{"city":"Mumbai","lat":19.07,"lng":72.87},"departureTime":"2020-01-01T00:00:00Z","seats":2,"fare":100}""")]
    [InlineData("seats", """{"source":{"city":"Pune","lat":18.52,"lng":73.85},"destination":{"city":"Mumbai","lat":19.07,"lng":72.87},"seats":0,"fare":100}""")]
    [InlineData("seats", """{"source":{"city":"Pune","lat":18.52,"lng":73.85},"destination":{"city":"Mumbai","lat":19.07,"lng":72.87},"seats":9,"fare":100}""")]
    [InlineData("vehicle.registration", """{"source":{"city":"Pune","lat":18.52,"lng":73.85},"destination":{"city":"Mumbai","lat":19.07,"lng":72.87},"seats":2,"fare":100,"vehicle":{"registration":"KA 01 1234","makeModel":"Maruti Suzuki Swift","colour":"White"}}""")]
    [InlineData("vehicle.colour", """{"source":{"city":"Pune","lat":18.52,"lng":73.85},"destination":{"city":"Mumbai","lat":19.07,"lng":72.87},"seats":2,"fare":100,"vehicle":{"registration":"MH12DE1433","makeModel":"Honda City"}}""")]
    [InlineData("destination.lat", """{"source":{"city":"Pune","lat":18.52,"lng":73.85},"destination":{"city":"Mumbai","lat":95,"lng":72.87},"seats":2,"fare":100}""")]
    public async Task Publishing_bad_input_is_a_400_naming_the_field(string field, string body)
    {
        // Cases without a departure time get a valid future one, so only the named field is wrong.
        var json = body.Contains("departureTime", StringComparison.Ordinal) ? body : body.Replace("\"seats\"", $"\"departureTime\":\"{DateTimeOffset.UtcNow.AddDays(1):O}\",\"seats\"", StringComparison.Ordinal);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _driver.PostAsync(new Uri("/api/v1/trips", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await HttpJson.ReadAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_plate_is_stored_normalised_shown_to_the_driver_and_booked_passengers_and_withheld_from_searchers()
    {
        var trip = await PublishAsync(_driver, TripRequests.Publish(city: "Mysuru", lat: 12.2958, lng: 76.6394));
        var withoutVehicle = await PublishAsync(_driver, TripRequests.Publish(city: "Mysuru", lat: 12.2958, lng: 76.6394, withVehicle: false));
        using var searcher = await SignInAsync("+919812340077");

        var searched = (await GetJsonAsync(searcher, "/api/v1/trips?city=mysuru")).GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetString() == trip);
        var beforeBooking = await GetJsonAsync(_passenger, $"/api/v1/trips/{trip}");
        using var booked = await _passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{trip}/bookings", UriKind.Relative), new { seats = 1 });
        var afterBooking = await GetJsonAsync(_passenger, $"/api/v1/trips/{trip}");
        var driversView = await GetJsonAsync(_driver, $"/api/v1/trips/{trip}");

        Assert.Equal("Maruti Suzuki Swift", searched.GetProperty("vehicle").GetProperty("makeModel").GetString());
        Assert.Equal(JsonValueKind.Null, searched.GetProperty("vehicle").GetProperty("registration").ValueKind);
        Assert.Equal(JsonValueKind.Null, beforeBooking.GetProperty("vehicle").GetProperty("registration").ValueKind);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(TripRequests.Plate, afterBooking.GetProperty("vehicle").GetProperty("registration").GetString());
        Assert.Equal(TripRequests.Plate, driversView.GetProperty("vehicle").GetProperty("registration").GetString());
        Assert.Equal("White", driversView.GetProperty("vehicle").GetProperty("colour").GetString());
        Assert.Equal(JsonValueKind.Null, (await GetJsonAsync(_driver, $"/api/v1/trips/{withoutVehicle}")).GetProperty("vehicle").ValueKind);
    }

    [Fact]
    public async Task Passengers_cannot_publish_and_searches_without_a_city_or_for_an_unknown_trip_are_refused()
    {
        using var publish = await _passenger.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        using var noCity = await _passenger.GetAsync(new Uri("/api/v1/trips?from=2026-01-01T00:00:00Z", UriKind.Relative));
        using var unknown = await _passenger.GetAsync(new Uri("/api/v1/trips/trp_nope", UriKind.Relative));
        using var badBooking = await _passenger.PostAsJsonAsync(new Uri("/api/v1/trips/trp_nope/bookings", UriKind.Relative), new { seats = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noCity.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badBooking.StatusCode);
    }

    [Fact]
    public async Task Concurrent_bookings_over_http_never_overbook_and_cancelling_gives_the_seat_back()
    {
        var trip = await PublishAsync(_driver, TripRequests.Publish(city: "Pune", lat: 18.5204, lng: 73.8567, seats: 4));
        var passengers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => SignInAsync($"+91981235{i:D4}")));

        var responses = await Task.WhenAll(passengers.Select(p => p.PostAsJsonAsync(new Uri($"/api/v1/trips/{trip}/bookings", UriKind.Relative), new { seats = 1 })));
        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToArray();
        var winner = passengers[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.Created)];
        var bookingId = (await HttpJson.ReadAsync(created[0])).GetProperty("id").GetString();
        var full = await GetJsonAsync(_driver, $"/api/v1/trips/{trip}");
        using var cancelled = await winner.PostAsync(new Uri($"/api/v1/bookings/{(await OwnBookingAsync(winner, trip))}/cancel", UriKind.Relative), null);
        using var cancelledAgain = await winner.PostAsync(new Uri($"/api/v1/bookings/{(await OwnBookingAsync(winner, trip))}/cancel", UriKind.Relative), null);
        var afterCancel = await GetJsonAsync(_driver, $"/api/v1/trips/{trip}");

        Assert.Equal(4, created.Length);
        Assert.All(responses.Except(created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.StartsWith("bkg_", bookingId, StringComparison.Ordinal);
        Assert.Equal(0, full.GetProperty("seatsAvailable").GetInt32());
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cancelledAgain.StatusCode);
        Assert.Equal(1, afterCancel.GetProperty("seatsAvailable").GetInt32());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Trusted_contacts_are_replaced_as_a_list_of_at_most_five_valid_entries()
    {
        var five = Enumerable.Range(1, 5).Select(i => new { name = $"Contact {i}", phone = $"+91990000000{i}", email = i == 1 ? "amma@example.in" : null }).ToArray();
        var six = Enumerable.Range(1, 6).Select(i => new { name = $"Contact {i}", phone = $"+91990000001{i}" }).ToArray();

        using var saved = await _passenger.PutAsJsonAsync(new Uri("/api/v1/users/me/trusted-contacts", UriKind.Relative), five);
        using var tooMany = await _passenger.PutAsJsonAsync(new Uri("/api/v1/users/me/trusted-contacts", UriKind.Relative), six);
        using var badPhone = await _passenger.PutAsJsonAsync(new Uri("/api/v1/users/me/trusted-contacts", UriKind.Relative), new[] { new { name = "Didi", phone = "98123" } });
        var stored = await GetJsonAsync(_passenger, "/api/v1/users/me/trusted-contacts");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        Assert.True((await HttpJson.ReadAsync(badPhone)).GetProperty("errors").TryGetProperty("[0].phone", out _));
        Assert.Equal(five.Select(c => c.phone), stored.EnumerateArray().Select(c => c.GetProperty("phone").GetString()));
        Assert.Equal("amma@example.in", stored[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_booking_is_confirmed_to_the_passenger_by_sms_and_a_share_link_goes_to_each_trusted_contact()
    {
        const string Passenger = "+919812340001";
        string[] contacts = ["+919900000101", "+919900000102"];
        var departure = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(3), TimeSpan.Zero);
        var inIndia = departure.ToOffset(TimeSpan.FromHours(5.5)).ToString("ddd d MMM, h:mm tt", System.Globalization.CultureInfo.InvariantCulture);
        var trip = await PublishAsync(_driver, TripRequests.Publish(seats: 3, departure: departure));
        using var booked = await _passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{trip}/bookings", UriKind.Relative), new { seats = 2 });
        using var saved = await _passenger.PutAsJsonAsync(new Uri("/api/v1/users/me/trusted-contacts", UriKind.Relative), contacts.Select((phone, i) => new { name = $"Contact {i}", phone }));
        saved.EnsureSuccessStatusCode();

        using var shared = await _passenger.PostAsync(new Uri($"/api/v1/trips/{trip}/share", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var confirmation = Assert.Single(await OutboxFiles.WaitForSmsAsync(_data.Path, Passenger), body => body.Contains("booked", StringComparison.Ordinal));
        Assert.Contains($"2 seats booked from Bengaluru to Mysuru, leaving {inIndia} IST", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        var link = await HttpJson.ReadAsync(shared);
        Assert.Equal(2, link.GetProperty("notifiedContacts").GetInt32());
        foreach (var contact in contacts)
        {
            var body = Assert.Single(await OutboxFiles.WaitForSmsAsync(_data.Path, contact));
            Assert.Contains($"{Passenger} shared a HushRyd trip with you", body, StringComparison.Ordinal);
            Assert.Contains(link.GetProperty("url").GetString()!, body, StringComparison.Ordinal);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _server.DisposeAsync();
        _data.Dispose();
    }

    private async Task<HttpClient> SignInAsync(string phone)
    {
        var client = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, phone);
        _clients.Add(client);
        return client;
    }

    private static async Task<string> PublishAsync(HttpClient driver, object request)
    {
        using var response = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var trip = await HttpJson.ReadAsync(response);
        Assert.Equal($"/api/v1/trips/{trip.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return trip.GetProperty("id").GetString()!;
    }

    private static async Task<string> OwnBookingAsync(HttpClient passenger, string trip) =>
        (await GetJsonAsync(passenger, "/api/v1/bookings")).EnumerateArray().First(b => b.GetProperty("tripId").GetString() == trip).GetProperty("id").GetString()!;

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await HttpJson.ReadAsync(response);
    }
}
