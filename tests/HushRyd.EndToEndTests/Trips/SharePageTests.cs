using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;
using Microsoft.Playwright;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Trips;

/// <summary>
/// Share links against the real server process: created over the API, read anonymously, fed positions through the
/// server's own Redis as the Location module will write them, and looked at in headless Chromium.
/// </summary>
public sealed class SharePageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly TempDirectory _data = new();
    private readonly int _redisPort = FreePort.Next();
    private readonly List<HttpClient> _clients = [];
    private ServerProcess _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _driver = null!;
    private HttpClient _passenger = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(_data.Path, new Dictionary<string, string> { ["Redis__EmbeddedPort"] = _redisPort.ToString(CultureInfo.InvariantCulture) });
        _anonymous = await _server.WaitUntilReadyAsync();
        _redis = await TestRedis.ConnectToServerGarnetAsync(_data.Path, _redisPort);
        _driver = await SignInAsync(TestLogin.DriverPhones[0]);
        _passenger = await SignInAsync("+919812347001");
    }

    [Fact]
    public async Task Only_the_driver_passengers_and_admins_share_and_the_public_status_follows_the_trip_until_it_ends()
    {
        var trip = await PublishAndBookAsync();
        var stranger = await SignInAsync("+919812347002");
        var admin = await SignInAsync(TestLogin.AdminPhone);

        using var byStranger = await CreateAsync(stranger, trip.Id);
        using var unknownTrip = await CreateAsync(_passenger, "trp_unknown");
        using var byAdmin = await CreateAsync(admin, trip.Id);
        using var byPassenger = await CreateAsync(_passenger, trip.Id);
        var link = await HttpJson.ReadAsync(byPassenger);
        var token = link.GetProperty("token").GetString()!;
        using var anonymousCreate = await _anonymous.PostAsync(new Uri($"/api/v1/trips/{trip.Id}/share", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.Equal("application/problem+json", byStranger.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownTrip.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousCreate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byPassenger.StatusCode);
        Assert.Equal(new Uri(_server.BaseAddress, $"/share/{token}"), new Uri(link.GetProperty("url").GetString()!));
        Assert.Equal(new Uri(_server.BaseAddress, $"/share/{token}"), byPassenger.Headers.Location);
        Assert.Equal(trip.Departure + TimeSpan.FromHours(24), link.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));

        // A stale or foreign bearer token must not turn the public page into a 401.
        using var scheduled = await SendAnonymousAsync($"/share/{token}/status", bearer: "not-a-token");
        var scheduledStatus = await HttpJson.ReadAsync(scheduled);
        await WriteLocationAsync(trip.Id, 12.6337, 77.1170, 41);
        using var afterReport = await SendAnonymousAsync($"/share/{token}/status");
        var moving = await HttpJson.ReadAsync(afterReport);
        using var page = await SendAnonymousAsync($"/share/{token}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Equal("no-store", scheduled.Headers.CacheControl?.ToString());
        Assert.True(scheduled.Headers.Contains("RateLimit-Limit"), "the gateway limiter counts /share requests");
        Assert.Equal("scheduled", scheduledStatus.GetProperty("status").GetString());
        Assert.Equal("Bengaluru", scheduledStatus.GetProperty("source").GetProperty("city").GetString());
        Assert.Equal("Mysuru", scheduledStatus.GetProperty("destination").GetProperty("city").GetString());
        Assert.Equal(JsonValueKind.Null, scheduledStatus.GetProperty("position").ValueKind);
        Assert.False(scheduledStatus.TryGetProperty("driverId", out _));
        Assert.Equal(12.6337, moving.GetProperty("position").GetProperty("lat").GetDouble());
        Assert.Equal(41, moving.GetProperty("position").GetProperty("speed").GetDouble());
        Assert.False(moving.GetProperty("position").TryGetProperty("driverId", out _));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'; script-src 'nonce-", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("<span id=\"source\">Bengaluru</span>", html, StringComparison.Ordinal);

        await TransitionAsync(trip.Id, "start");
        await TransitionAsync(trip.Id, "complete");
        using var endedStatus = await SendAnonymousAsync($"/share/{token}/status");
        using var endedPage = await SendAnonymousAsync($"/share/{token}");
        using var createAfterEnd = await CreateAsync(_passenger, trip.Id);
        using var neverIssued = await SendAnonymousAsync("/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.NotFound, endedStatus.StatusCode);
        Assert.Equal("application/problem+json", endedStatus.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, endedPage.StatusCode);
        Assert.Equal("text/html", endedPage.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This share link is not active", await endedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, createAfterEnd.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, neverIssued.StatusCode);
    }

    [SkippableFact]
    public async Task A_family_member_sees_status_cities_and_the_live_position_in_chromium_until_the_trip_ends()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install -y chromium); the share page was not looked at in a browser.");
        var trip = await PublishAndBookAsync();
        using var created = await CreateAsync(_passenger, trip.Id);
        var url = (await HttpJson.ReadAsync(created)).GetProperty("url").GetString()!;
        await TransitionAsync(trip.Id, "start");
        await WriteLocationAsync(trip.Id, 12.6337, 77.1170, 41);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 412, Height = 915 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(url);
        var marker = page.Locator("#position[visibility='visible']");
        await marker.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });

        Assert.Equal(200, response?.Status);
        Assert.Equal("On the way", await page.Locator("#status").TextContentAsync());
        Assert.Equal("Bengaluru", await page.Locator("#source").TextContentAsync());
        Assert.Equal("Mysuru", await page.Locator("#destination").TextContentAsync());
        Assert.Contains("12.6337, 77.1170", await page.Locator("#position-text").TextContentAsync(), StringComparison.Ordinal);
        var car = await CentreAsync(page, "#position");
        var from = await CentreAsync(page, "#source-dot");
        var to = await CentreAsync(page, "#destination-dot");

        // Mysuru lies south-west of Bengaluru, and the reported point half-way between them.
        Assert.True(to.X < car.X && car.X < from.X, $"marker x {car.X} between {to.X} and {from.X}");
        Assert.True(from.Y < car.Y && car.Y < to.Y, $"marker y {car.Y} between {from.Y} and {to.Y}");

        await WriteLocationAsync(trip.Id, 12.55, 77.0, 38);
        await page.WaitForFunctionAsync(
            "() => document.getElementById('track').getAttribute('points').trim().split(' ').length === 2",
            null,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", $"share-page-{trip.Id}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Share page screenshot: {screenshot}");

        await TransitionAsync(trip.Id, "complete");
        await page.Locator("#status[data-status='ended']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        var reloaded = await page.ReloadAsync();

        Assert.Equal(404, reloaded?.Status);
        Assert.Equal("This share link is not active", await page.Locator("h1").TextContentAsync());
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("404", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _anonymous?.Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await _server.DisposeAsync();
        _data.Dispose();
    }

    private async Task<(string Id, DateTimeOffset Departure)> PublishAndBookAsync()
    {
        using var published = await _driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var trip = await HttpJson.ReadAsync(published);
        var id = trip.GetProperty("id").GetString()!;
        using var booked = await _passenger.PostAsJsonAsync(new Uri($"/api/v1/trips/{id}/bookings", UriKind.Relative), new { seats = 1 });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return (id, trip.GetProperty("departureTime").GetDateTimeOffset());
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string tripId) =>
        client.PostAsync(new Uri($"/api/v1/trips/{tripId}/share", UriKind.Relative), null);

    private async Task TransitionAsync(string tripId, string transition)
    {
        using var response = await _driver.PostAsync(new Uri($"/api/v1/trips/{tripId}/{transition}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The seed's location:{tripId} hash, written into the server's Garnet the way the Location module writes it.</summary>
    private Task WriteLocationAsync(string tripId, double lat, double lng, double speed) =>
        _redis.GetDatabase().HashSetAsync($"location:{tripId}",
        [
            new("lat", lat.ToString(CultureInfo.InvariantCulture)),
            new("lng", lng.ToString(CultureInfo.InvariantCulture)),
            new("speed", speed.ToString(CultureInfo.InvariantCulture)),
            new("timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new("driverId", "as-the-location-module-writes-it"),
        ]);

    private async Task<HttpResponseMessage> SendAnonymousAsync(string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await _anonymous.SendAsync(request);
    }

    private static async Task<(double X, double Y)> CentreAsync(IPage page, string selector)
    {
        var circle = page.Locator(selector);
        return (double.Parse((await circle.GetAttributeAsync("cx"))!, CultureInfo.InvariantCulture), double.Parse((await circle.GetAttributeAsync("cy"))!, CultureInfo.InvariantCulture));
    }

    private async Task<HttpClient> SignInAsync(string phone)
    {
        var client = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, phone);
        _clients.Add(client);
        return client;
    }
}
