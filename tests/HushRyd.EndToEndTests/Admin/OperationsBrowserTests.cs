using System.Net;
using System.Net.Http.Json;
using HushRyd.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Admin;

/// <summary>
/// The desk's operations view in headless Chromium against the real server: queue counts and breaker states, a failed
/// job retried from the page, the realtime node, and an online driver found near a point typed in.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class OperationsBrowserTests(DeskServer desk, ITestOutputHelper output)
{
    private const string FailingPhone = "+919812300055";

    [SkippableFact]
    public async Task Operations_show_queues_breakers_realtime_nodes_and_nearby_drivers_and_a_failed_job_is_retried_from_the_page()
    {
        Skip.If(desk.Browser is null, $"{DeskServer.Chromium} is not installed (apt-get install -y chromium); the operations view was not looked at in a browser.");
        var admin = await desk.SignInAsync(DeskServer.ApiAdminPhone);
        var driver = await desk.SignInAsync(TestLogin.DriverPhones[1]);
        using (var online = await driver.PutAsJsonAsync(new Uri("/api/v1/drivers/me/availability", UriKind.Relative), new { online = true, lat = 12.9352, lng = 77.6245 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, online.StatusCode);
        }

        var driverId = TestLogin.UserIdOf(driver.DefaultRequestHeaders.Authorization!.Parameter!);
        await FailSmsAsync(admin, 1);
        try
        {
            using var otp = await admin.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone = FailingPhone });
            Assert.Equal(HttpStatusCode.Accepted, otp.StatusCode);
            Assert.True(
                await Eventually.HoldsAsync(async () => (await admin.GetStringAsync(new Uri("/admin/v1/queues/sms/failed", UriKind.Relative))).Contains(FailingPhone, StringComparison.Ordinal), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50)),
                "the refused login code never failed");
        }
        finally
        {
            await FailSmsAsync(admin, 0);
        }

        var errors = new List<string>();
        var page = await desk.NewPageAsync(1280, 800, errors);
        await desk.SignInThroughPageAsync(page, DeskServer.SecondAdminPhone);
        await page.WaitForURLAsync("**/admin/");
        await page.Locator("#nav-operations").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var failedRow = page.Locator("#failed tbody tr", new PageLocatorOptions { HasText = FailingPhone });
        await failedRow.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Equal("page", await page.Locator("#nav-operations").GetAttributeAsync("aria-current"));
        Assert.Equal(["sms", "email", "push"], await page.Locator("#queues tbody tr td:first-child").AllTextContentsAsync());
        Assert.Contains("✓ closed", await page.Locator("#providers tbody tr", new PageLocatorOptions { HasText = "twilio" }).TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("1/1", await failedRow.TextContentAsync(), StringComparison.Ordinal);
        await page.Locator("#realtime tbody tr").First.WaitForAsync();
        Assert.Matches(@"^All 1 nodes", await page.Locator("#realtime tfoot tr").TextContentAsync());

        var sentBefore = await TestLogin.SentCountAsync(desk.DataDirectory, FailingPhone);
        await failedRow.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = $"Retry sms job to {FailingPhone}" }).ClickAsync();
        await page.Locator("#failed-message").GetByText("is back in the sms queue").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        await failedRow.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.True(
            await Eventually.HoldsAsync(async () => await TestLogin.SentCountAsync(desk.DataDirectory, FailingPhone) > sentBefore, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50)),
            "the retried job was not sent");

        await page.Locator("#nearby-lat").FillAsync("12.9340");
        await page.Locator("#nearby-lng").FillAsync("77.6230");
        await page.Locator("#nearby-radius").FillAsync("2");
        await page.Keyboard.PressAsync("Enter");
        var found = page.Locator("#nearby tbody tr", new PageLocatorOptions { HasText = driverId });
        await found.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("0.", await found.Locator("td").Nth(1).TextContentAsync(), StringComparison.Ordinal);

        var screenshot = DeskServer.ScreenshotPath("operations-1280x800");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Operations screenshot: {screenshot}");
        Assert.Empty(errors);
    }

    private static async Task FailSmsAsync(HttpClient admin, double share)
    {
        foreach (var provider in new[] { "twilio", "msg91" })
        {
            using var set = await admin.PutAsJsonAsync(new Uri($"/admin/v1/outbox/providers/{provider}/fail-share", UriKind.Relative), new { failShare = share });
            Assert.True(set.IsSuccessStatusCode, $"fail share of {provider}: {(int)set.StatusCode}");
        }
    }
}
