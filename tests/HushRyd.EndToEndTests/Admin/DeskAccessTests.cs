using System.Net;
using System.Net.Http.Headers;
using HushRyd.Platform.Http;
using HushRyd.Testing;
using Microsoft.Playwright;

namespace HushRyd.EndToEndTests.Admin;

/// <summary>
/// Who may load the desk: admins inside <c>Admin:AllowedNetworks</c>. A passenger, an anonymous caller and an address
/// outside the networks get neither its page, its script, its live feed nor the admin data it reads.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class DeskAccessTests(DeskServer desk)
{
    /// <summary>Everything the desk loads or reads, with the media type a browser asks for it with.</summary>
    private static readonly (string Path, string Accept)[] DeskResources =
    [
        ("/admin/", "text/html"),
        ("/admin/assets/desk.js", "*/*"),
        ("/admin/assets/desk.css", "text/css"),
        ("/admin/session", "application/json"),
        ("/admin/v1/realtime/sos", "text/event-stream"),
        ("/admin/v1/sos?status=active", "application/json"),
        ("/admin/v1/queues", "application/json"),
        ("/admin/v1/realtime/stats", "application/json"),
    ];

    [Fact]
    public async Task A_passenger_gets_neither_the_desk_nor_its_data_by_token_or_by_cookie()
    {
        var passenger = await desk.SignInAsync("+919812300077");
        var token = passenger.DefaultRequestHeaders.Authorization!.Parameter!;
        using var client = DeskRequests.NewClient(desk.Server.BaseAddress);

        foreach (var (path, accept) in DeskResources)
        {
            using var byToken = await DeskRequests.GetAsync(client, path, accept, bearer: token);
            using var byCookie = await DeskRequests.GetAsync(client, path, accept, cookie: token);
            Assert.True(byToken.StatusCode == HttpStatusCode.Forbidden, $"{path} by a passenger's token: {(int)byToken.StatusCode}");
            Assert.True(byCookie.StatusCode == HttpStatusCode.Forbidden, $"{path} by a passenger's cookie: {(int)byCookie.StatusCode}");
            Assert.Equal("application/problem+json", byToken.Content.Headers.ContentType?.MediaType);
        }

        using var session = new HttpRequestMessage(HttpMethod.Post, "/admin/session");
        session.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var opened = await client.SendAsync(session);
        Assert.Equal(HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.False(opened.Headers.Contains("Set-Cookie"), "a passenger was given the desk cookie");
    }

    [Fact]
    public async Task Without_signing_in_a_browser_is_sent_to_the_sign_in_form_and_scripts_get_401()
    {
        using var client = DeskRequests.NewClient(desk.Server.BaseAddress);

        using var page = await DeskRequests.GetAsync(client, "/admin/", "text/html,application/xhtml+xml,*/*;q=0.8");
        using var signIn = await DeskRequests.GetAsync(client, "/admin/sign-in", "text/html");
        var form = await signIn.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/admin/sign-in", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("id=\"phone\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/assets/desk.js", form, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'; script-src 'nonce-", signIn.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        foreach (var (path, accept) in DeskResources.Skip(1))
        {
            using var response = await DeskRequests.GetAsync(client, path, accept);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} anonymously: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_desk_cookie_loads_pages_and_the_feed_but_changes_nothing_and_ends_with_the_session()
    {
        using var admin = new HttpClient { BaseAddress = desk.Server.BaseAddress };
        var token = await TestLogin.LoginAsync(admin, desk.DataDirectory, TestLogin.AdminPhone);
        using var client = DeskRequests.NewClient(desk.Server.BaseAddress);
        using var open = new HttpRequestMessage(HttpMethod.Post, "/admin/session");
        open.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var opened = await client.SendAsync(open);
        var setCookie = opened.Headers.GetValues("Set-Cookie").Single();

        Assert.Equal(HttpStatusCode.NoContent, opened.StatusCode);
        Assert.StartsWith($"{DeskSession.CookieName}={token};", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/admin", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", setCookie, StringComparison.Ordinal);

        using var page = await DeskRequests.GetAsync(client, "/admin/", "text/html", cookie: token);
        using var script = await DeskRequests.GetAsync(client, "/admin/assets/desk.js", "*/*", cookie: token);
        using var feed = await DeskRequests.GetAsync(client, "/admin/v1/realtime/sos", "text/event-stream", cookie: token);
        using var reader = new StreamReader(await feed.Content.ReadAsStreamAsync());
        var firstEvent = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
        using var revalidated = await DeskRequests.GetAsync(client, "/admin/assets/desk.js", "*/*", cookie: token, ifNoneMatch: script.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/admin/assets/desk.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal("text/event-stream", feed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("event: ready", firstEvent);

        // A change by cookie alone would be a cross-site request forgery waiting to happen: it needs the bearer header.
        using var acknowledge = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/sos/sos_unknown/acknowledge");
        acknowledge.Headers.Add("Cookie", $"{DeskSession.CookieName}={token}");
        using var refused = await client.SendAsync(acknowledge);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var logout = await admin.PostAsync(new Uri("/api/v1/auth/logout", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.True(
            await Eventually.HoldsAsync(async () =>
            {
                using var after = await DeskRequests.GetAsync(client, "/admin/assets/desk.js", "*/*", cookie: token);
                return after.StatusCode == HttpStatusCode.Unauthorized;
            }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100)),
            "the desk cookie outlived the session");
    }

    [SkippableFact]
    public async Task A_passenger_signing_in_through_the_desk_form_is_told_the_desk_is_for_admins_and_never_reaches_it()
    {
        Skip.If(desk.Browser is null, $"{DeskServer.Chromium} is not installed; the sign-in form was not tried in a browser.");
        var consoleErrors = new List<string>();
        var page = await desk.NewPageAsync(390, 844, consoleErrors);

        await desk.SignInThroughPageAsync(page, "+919812300078");
        await page.Locator("#message[data-kind='error']").GetByText("not an admin").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        var again = await page.GotoAsync("/admin/");

        Assert.EndsWith("/admin/sign-in", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, again?.Status);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == DeskSession.CookieName);
    }

    [Fact]
    public async Task Outside_the_admin_networks_even_an_admin_gets_neither_the_desk_its_sign_in_form_nor_its_data()
    {
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path, new Dictionary<string, string> { ["Admin__AllowedNetworks__0"] = "10.99.0.0/16" });
        (await server.WaitUntilReadyAsync()).Dispose();
        using var admin = DeskRequests.NewClient(server.BaseAddress);
        var token = await TestLogin.LoginAsync(admin, data.Path, TestLogin.AdminPhone);

        foreach (var (path, accept) in DeskResources.Append(("/admin/sign-in", "text/html")))
        {
            using var byToken = await DeskRequests.GetAsync(admin, path, accept, bearer: token);
            using var byCookie = await DeskRequests.GetAsync(admin, path, accept, cookie: token);
            Assert.True(byToken.StatusCode == HttpStatusCode.Forbidden, $"{path} from outside the admin networks: {(int)byToken.StatusCode}");
            Assert.True(byCookie.StatusCode == HttpStatusCode.Forbidden, $"{path} by cookie from outside the admin networks: {(int)byCookie.StatusCode}");
            Assert.Contains("Admin:AllowedNetworks", await byToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
