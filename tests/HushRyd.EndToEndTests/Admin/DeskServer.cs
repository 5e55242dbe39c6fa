using System.Net;
using System.Text.Json;
using HushRyd.EndToEndTests.Sos;
using HushRyd.Testing;
using Microsoft.Playwright;

namespace HushRyd.EndToEndTests.Admin;

/// <summary>
/// One server process for the desk's tests, with the SOS acknowledgement timeout at a second and two admin phones, and
/// headless Chromium (Debian's, through Playwright) when it is installed. A phone signs in over the API once.
/// </summary>
public sealed class DeskServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string SecondAdminPhone = "+919800000011";

    /// <summary>Reads alerts over the API: a user has one session, so an admin signed in on a page must not sign in again here.</summary>
    public const string ApiAdminPhone = "+919800000012";
    public static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(1);

    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, Task<HttpClient>> _clients = [];
    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;

    public string DataDirectory => _data.Path;

    /// <summary>Null when Chromium is not installed; browser tests skip then.</summary>
    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        Server = ServerProcess.Start(_data.Path, new Dictionary<string, string>(SosServer.Settings(AcknowledgeTimeout)) 
        {
            ["Auth__AdminPhones__1"] = SecondAdminPhone,
            ["Auth__AdminPhones__2"] = ApiAdminPhone,

            // A login code the SMS providers refuse fails at once, for the operations view's failed jobs.
            ["Notifications__Queues__MaxAttempts__High"] = "1",
        });
        (await Server.WaitUntilReadyAsync()).Dispose();
        await WarmUpAsync();
        if (File.Exists(Chromium))
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
            });
        }
    }

    /// <summary>
    /// One alert raised and called off before any test: the first alert after a start pays for compiling the whole SOS
    /// path (a second or more on a busy machine), and the desk's promise of a second is about a running server.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var traveller = await SignInAsync(SosServer.Traveller);
        var (created, alertId) = await SosServer.RaiseAsync(traveller, "warm-up");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.True(await Eventually.HoldsAsync(() => TimelineHasAsync(traveller, alertId, "notification"), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)), "the warm-up alert was never told to the desk");
        using (var cancelled = await traveller.PostAsync(new Uri($"/api/v1/sos/{alertId}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        Assert.True(await Eventually.HoldsAsync(() => TimelineHasAsync(traveller, alertId, "tracking-stopped"), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)), "the warm-up alert never ran its course");
    }

    private static async Task<bool> TimelineHasAsync(HttpClient traveller, string alertId, string kind)
    {
        using var alert = JsonDocument.Parse(await traveller.GetStringAsync(new Uri($"/api/v1/sos/{alertId}", UriKind.Relative)));
        return alert.RootElement.GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == kind);
    }

    public Task<HttpClient> SignInAsync(string phone)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(phone, out var client))
            {
                client = phone == SosServer.Traveller
                    ? SosServer.TravellerAsync(Server.BaseAddress, _data.Path)
                    : TestLogin.SignedInClientAsync(Server.BaseAddress, _data.Path, phone);
                _clients[phone] = client;
            }

            return client;
        }
    }

    /// <summary>A page at <paramref name="width"/> x <paramref name="height"/> in a browser context of its own (its own cookies); script errors and refused requests go to <paramref name="errors"/>.</summary>
    public async Task<IPage> NewPageAsync(int width, int height, List<string> errors)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = Server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        // A refused request shows in the console without its address; the response says which it was.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        return page;
    }

    /// <summary>Signs in through the desk's own form, with the keyboard only: the phone, Enter, the code from the dev outbox, Enter.</summary>
    public async Task SignInThroughPageAsync(IPage page, string phone)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/admin/");
        await page.WaitForURLAsync("**/admin/sign-in");
        var sentBefore = await TestLogin.SentCountAsync(_data.Path, phone);
        await page.Locator("#phone").FillAsync(phone);
        await page.Keyboard.PressAsync("Enter");
        var code = await TestLogin.ReadCodeAsync(_data.Path, phone, sentBefore);
        await page.Locator("#code").WaitForAsync();
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Where a screenshot goes: beside the test results, printed so a reviewer can open it.</summary>
    public static string ScreenshotPath(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "desk");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name + ".png");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var client in _clients.Values)
        {
            (await client).Dispose();
        }

        await Server.DisposeAsync();
        _data.Dispose();
    }
}
