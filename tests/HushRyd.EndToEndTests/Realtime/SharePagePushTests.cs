using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.EndToEndTests.Trips;
using HushRyd.Testing;
using Microsoft.Playwright;
using StackExchange.Redis;

namespace HushRyd.EndToEndTests.Realtime;

/// <summary>The public share page gets positions pushed over server-sent events, keyed by its share token.</summary>
public sealed class SharePagePushTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly TempDirectory _data = new();
    private readonly int _redisPort = FreePort.Next();
    private ServerProcess _server = null!;
    private HttpClient _anonymous = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _server = ServerProcess.Start(_data.Path, new Dictionary<string, string> { ["Redis__EmbeddedPort"] = _redisPort.ToString(CultureInfo.InvariantCulture) });
        _anonymous = await _server.WaitUntilReadyAsync();
        _redis = await TestRedis.ConnectToServerGarnetAsync(_data.Path, _redisPort);
    }

    [Fact]
    public async Task The_stream_of_an_unknown_share_token_is_a_404_problem()
    {
        using var response = await _anonymous.GetAsync(new Uri("/ws/share/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task The_share_page_moves_its_marker_when_a_position_is_published_without_waiting_for_a_poll()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install -y chromium); the share page was not looked at in a browser.");
        using var driver = await TestLogin.SignedInClientAsync(_server.BaseAddress, _data.Path, TestLogin.DriverPhones[0]);
        using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        var tripId = (await HttpJson.ReadAsync(published)).GetProperty("id").GetString()!;
        using var started = await driver.PostAsync(new Uri($"/api/v1/trips/{tripId}/start", UriKind.Relative), null);
        using var shared = await driver.PostAsync(new Uri($"/api/v1/trips/{tripId}/share", UriKind.Relative), null);
        var url = (await HttpJson.ReadAsync(shared)).GetProperty("url").GetString()!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("#refresh[data-push='live']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 10_000 });

        // Only published, never written to the location hash: the status the page polls cannot show it.
        await PublishAsync(tripId, 12.6337, 77.1170, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var marker = page.Locator("#position[visibility='visible'][data-lat='12.6337']");
        await marker.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 3_000 });
        await PublishAsync(tripId, 12.55, 77.0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
        await page.Locator("#position[data-lat='12.55']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 3_000 });

        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Contains("12.5500, 77.0000", await page.Locator("#position-text").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await page.Locator("#track").GetAttributeAsync("points"))!.Trim().Split(' ').Length);
        Assert.StartsWith("Live:", await page.Locator("#refresh").TextContentAsync(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
        _data.Dispose();
    }

    private Task<long> PublishAsync(string tripId, double lat, double lng, long timestamp) =>
        _redis.GetSubscriber().PublishAsync(
            RedisChannel.Literal($"trip:{tripId}"),
            JsonSerializer.Serialize(new { tripId, lat, lng, speed = 38.0, heading = 200.0, timestamp, driverId = "usr_driver" }));
}
