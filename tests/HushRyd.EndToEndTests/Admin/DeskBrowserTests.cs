using System.Net;
using System.Text.Json;
using HushRyd.EndToEndTests.Location;
using HushRyd.EndToEndTests.Sos;
using HushRyd.EndToEndTests.Trips;
using HushRyd.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Admin;

/// <summary>
/// Issue 13 in headless Chromium against the real server: admins sign in through the desk's page, a traveller raises an
/// SOS over the API, the alert appears without a reload with its live track, one admin acknowledges it and escalation
/// stops, the other admin's page shows it acknowledged; two admins acknowledging at once see who won.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class DeskBrowserTests(DeskServer desk, ITestOutputHelper output)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task An_alert_raised_over_the_api_appears_on_both_desks_live_and_the_acknowledgement_stops_escalation_and_shows_on_the_other_desk()
    {
        Skip.If(desk.Browser is null, $"{DeskServer.Chromium} is not installed (apt-get install -y chromium); the desk was not looked at in a browser.");
        var (first, second, consoleErrors) = await TwoDesksAsync(390, 844);
        await first.EvaluateAsync(NoteArrivals);

        var driver = await desk.SignInAsync(TestLogin.DriverPhones[0]);
        var traveller = await desk.SignInAsync(SosServer.Traveller);
        var tripId = await LocationRequests.StartedTripAsync(driver, traveller);
        var now = DateTimeOffset.UtcNow;
        await ReportAsync(driver, tripId, 12.9716, 77.5946, now.AddSeconds(-20));
        await ReportAsync(driver, tripId, 12.9650, 77.5890, now.AddSeconds(-10));

        var (created, alertId) = await SosServer.RaiseAsync(traveller, "desk-" + Guid.NewGuid().ToString("N"), tripId);
        var stored = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(HttpStatusCode.Created, created);
        var onFirst = first.Locator($"button.alert[data-alert-id='{alertId}']");
        await onFirst.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await second.Locator($"button.alert[data-alert-id='{alertId}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

        // The page notes when the card first appeared (Playwright's own polling would add up to half a second).
        var appearedAfter = await first.EvaluateAsync<long>($"() => window.arrivals['{alertId}']") - stored;
        output.WriteLine($"The alert was on the desk {appearedAfter} ms after the 201 that stored it.");
        Assert.True(await first.EvaluateAsync<bool>("() => window.sameDocument === true"), "the desk reloaded to show the alert");
        Assert.True(appearedAfter < 1000, $"the alert took {appearedAfter} ms to reach the desk");
        Assert.Equal("active", await onFirst.GetAttributeAsync("data-status"));
        await first.Locator($"button.alert[data-alert-id='{alertId}']", new PageLocatorOptions { HasText = SosServer.Traveller }).WaitForAsync();
        var card = await onFirst.TextContentAsync();
        Assert.Contains("ACTIVE: not acknowledged", card, StringComparison.Ordinal);
        Assert.Contains("Trip " + tripId, card, StringComparison.Ordinal);
        Assert.Contains("Driver usr_", card, StringComparison.Ordinal);
        Assert.Contains("Vehicle " + TripRequests.Plate, card, StringComparison.Ordinal);
        Assert.Matches(@"Raised \d+s ago", card);

        // Newest and unacknowledged alerts come first, so the new one is selected and its details, track and timeline shown.
        await onFirst.ClickAsync();
        await first.Locator("#facts").GetByText("Bengaluru → Mysuru", new LocatorGetByTextOptions { Exact = false }).WaitForAsync();
        await first.WaitForFunctionAsync("() => document.getElementById('track-line').getAttribute('points').trim().split(' ').length === 2", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        await ReportAsync(driver, tripId, 12.9600, 77.5800, DateTimeOffset.UtcNow);
        await first.WaitForFunctionAsync("() => document.getElementById('track-line').getAttribute('points').trim().split(' ').length === 3", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.Contains("raised", await first.Locator("#timeline").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"{TripRequests.Plate} · White Maruti Suzuki Swift", await first.Locator("#facts dt:text-is('Vehicle') + dd").TextContentAsync());

        // Nobody answered within the timeout: on-call was paged, and the desk shows the level.
        var admin = await desk.SignInAsync(DeskServer.ApiAdminPhone);
        Assert.True(await Eventually.HoldsAsync(async () => (await ReadAlertAsync(admin, alertId)).GetProperty("escalationLevel").GetInt32() >= 1, Soon, TimeSpan.FromMilliseconds(50)), "no escalation before the acknowledgement");
        await first.Locator("#detail-status").GetByText("Escalation level", new LocatorGetByTextOptions { Exact = false }).Filter(new LocatorFilterOptions { HasNotText = "level 0" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await first.ScreenshotAsync(new PageScreenshotOptions { Path = DeskServer.ScreenshotPath("desk-active-1280x800") });

        await first.Locator("#acknowledge").FocusAsync();
        await first.Keyboard.PressAsync("Enter");
        await first.Locator("#action-message").GetByText("You acknowledged this alert").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        var levelAtAcknowledgement = (await ReadAlertAsync(admin, alertId)).GetProperty("escalationLevel").GetInt32();

        // The other desk learns of it from the live feed, without anyone touching it.
        var onSecond = second.Locator($"button.alert[data-alert-id='{alertId}'][data-status='acknowledged']");
        await onSecond.WaitForAsync(new LocatorWaitForOptions { Timeout = 4_000 });
        Assert.Contains("ACKNOWLEDGED", await onSecond.TextContentAsync(), StringComparison.Ordinal);
        await onSecond.ClickAsync();
        await second.Locator("#facts").GetByText("Acknowledged by").WaitForAsync();
        var acknowledgedBy = await second.Locator("#facts dt:text-is('Acknowledged by') + dd").TextContentAsync();
        Assert.StartsWith("usr_", acknowledgedBy, StringComparison.Ordinal);
        Assert.True(await second.Locator("#acknowledge").IsDisabledAsync(), "the other desk can still acknowledge a taken alert");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = DeskServer.ScreenshotPath("desk-acknowledged-390x844"), FullPage = true });
        await first.ScreenshotAsync(new PageScreenshotOptions { Path = DeskServer.ScreenshotPath("desk-acknowledged-1280x800") });
        output.WriteLine($"Desk screenshots: {DeskServer.ScreenshotPath("desk-active-1280x800")}, {DeskServer.ScreenshotPath("desk-acknowledged-1280x800")}, {DeskServer.ScreenshotPath("desk-acknowledged-390x844")}");

        // Escalation stops: at most a page already under way when the acknowledgement landed, then no more.
        await Task.Delay(DeskServer.AcknowledgeTimeout * 2.5);
        var settled = await ReadAlertAsync(admin, alertId);
        Assert.InRange(settled.GetProperty("escalationLevel").GetInt32(), levelAtAcknowledgement, levelAtAcknowledgement + 1);
        await Task.Delay(DeskServer.AcknowledgeTimeout * 1.5);
        var later = await ReadAlertAsync(admin, alertId);
        Assert.Equal("acknowledged", later.GetProperty("status").GetString());
        Assert.Equal(settled.GetProperty("escalationLevel").GetInt32(), later.GetProperty("escalationLevel").GetInt32());
        Assert.Contains(later.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "acknowledged");
        Assert.Empty(consoleErrors);
    }

    [SkippableFact]
    public async Task Two_admins_acknowledging_at_once_one_wins_and_the_other_desk_says_who()
    {
        Skip.If(desk.Browser is null, $"{DeskServer.Chromium} is not installed (apt-get install -y chromium); the desk was not looked at in a browser.");
        var (first, second, consoleErrors) = await TwoDesksAsync(1280, 800);
        var traveller = await desk.SignInAsync(SosServer.Traveller);

        var (created, alertId) = await SosServer.RaiseAsync(traveller, "race-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, created);
        foreach (var page in new[] { first, second })
        {
            await page.Locator($"button.alert[data-alert-id='{alertId}']").ClickAsync(new LocatorClickOptions { Timeout = 10_000 });
            await page.Locator("#acknowledge:not([disabled])").WaitForAsync();
        }

        // Clicked by script, both at one instant armed ahead on the shared clock: clicked one after the other, the second
        // desk may already have heard of the first's acknowledgement and disabled its button, so it never races at all.
        const string ClickAt = "at => setTimeout(() => document.getElementById('acknowledge').click(), Math.max(0, at - Date.now()))";
        var at = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeMilliseconds();
        await Task.WhenAll(first.EvaluateAsync(ClickAt, at), second.EvaluateAsync(ClickAt, at));
        var messages = await Task.WhenAll(MessageAsync(first), MessageAsync(second));
        var admin = await desk.SignInAsync(DeskServer.ApiAdminPhone);
        var winner = (await ReadAlertAsync(admin, alertId)).GetProperty("acknowledgedBy").GetString()!;

        Assert.Single(messages, m => m.StartsWith("You acknowledged", StringComparison.Ordinal));
        var lost = Assert.Single(messages, m => m.StartsWith("Not done", StringComparison.Ordinal));
        Assert.Contains("Already acknowledged by " + winner, lost, StringComparison.Ordinal);
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("409", StringComparison.Ordinal));
    }

    /// <summary>Marks the document (a reload would lose the mark) and notes the wall-clock time each alert's card first appears.</summary>
    private const string NoteArrivals = """
        () => {
          window.sameDocument = true;
          window.arrivals = {};
          new MutationObserver(() => document.querySelectorAll('button.alert').forEach(card => {
            window.arrivals[card.dataset.alertId] ??= Date.now();
          })).observe(document.getElementById('alerts'), { childList: true, subtree: true });
        }
        """;

    /// <summary>Two admins signed in through the page, each in a browser of their own, both desks on the live feed.</summary>
    private async Task<(IPage First, IPage Second, List<string> Errors)> TwoDesksAsync(int secondWidth, int secondHeight)
    {
        var errors = new List<string>();
        var first = await desk.NewPageAsync(1280, 800, errors);
        var second = await desk.NewPageAsync(secondWidth, secondHeight, errors);
        await Task.WhenAll(desk.SignInThroughPageAsync(first, TestLogin.AdminPhone), desk.SignInThroughPageAsync(second, DeskServer.SecondAdminPhone));
        await Task.WhenAll(LiveAsync(first), LiveAsync(second));
        return (first, second, errors);
    }

    private static async Task LiveAsync(IPage page)
    {
        // A loaded CI machine runs Chromium beside three test hosts: loading the desk may take more than ten seconds.
        // If it never comes, the sign-in page's own message says why.
        try
        {
            await page.WaitForURLAsync("**/admin/", new PageWaitForURLOptions { Timeout = 30_000 });
        }
        catch (TimeoutException ex)
        {
            var message = page.Url.Contains("sign-in", StringComparison.Ordinal) ? await page.Locator("#message").TextContentAsync() : null;
            throw new TimeoutException($"the desk did not load after signing in; the page is at {page.Url}, saying \"{message}\"", ex);
        }

        await page.Locator("#feed[data-state='live']").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
    }

    private static async Task<string> MessageAsync(IPage page)
    {
        var message = page.Locator("#action-message");
        await page.WaitForFunctionAsync("() => document.getElementById('action-message').textContent.length > 0", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        return (await message.TextContentAsync())!;
    }

    private static async Task ReportAsync(HttpClient driver, string tripId, double lat, double lng, DateTimeOffset at)
    {
        using var reported = await LocationRequests.PutAsync(driver, tripId, LocationRequests.Report(lat, lng, at));
        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);
    }

    private static async Task<JsonElement> ReadAlertAsync(HttpClient admin, string alertId)
    {
        using var response = await admin.GetAsync(new Uri($"/api/v1/sos/{alertId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HttpJson.ReadAsync(response);
    }
}
