using System.Net;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Admin;

/// <summary>
/// The desk served by <c>--target admin</c> in its own process behind a gateway (<c>Gateway:Proxy:Admin</c>): the gateway
/// signs in, guards and forwards with the principal; the admin process trusts nobody else.
/// </summary>
public sealed class DeskSplitDeploymentTests : IAsyncLifetime
{
    private const string InternalToken = "desk-split-test-token";
    private readonly TempDirectory _gatewayData = new();
    private readonly TempDirectory _adminData = new();
    private ServerProcess _admin = null!;
    private ServerProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _admin = ServerProcess.Start(_adminData.Path, new Dictionary<string, string> { ["Internal__Token"] = InternalToken }, "--target", "admin");
        _gateway = ServerProcess.Start(
            _gatewayData.Path,
            new Dictionary<string, string> { ["Internal__Token"] = InternalToken, ["Gateway__Proxy__Admin"] = _admin.BaseAddress.ToString() },
            "--target",
            "gateway");
        (await _admin.WaitUntilReadyAsync()).Dispose();
        (await _gateway.WaitUntilReadyAsync()).Dispose();
    }

    [Fact]
    public async Task An_admin_signed_in_at_the_gateway_opens_the_desk_served_by_the_admin_process_and_a_passenger_does_not()
    {
        using var client = DeskRequests.NewClient(_gateway.BaseAddress);
        var adminToken = await TestLogin.LoginAsync(client, _gatewayData.Path, TestLogin.AdminPhone);
        var passengerToken = await TestLogin.LoginAsync(client, _gatewayData.Path, "+919812300066");

        using var anonymous = await DeskRequests.SendAsync(client, HttpMethod.Get, "/admin/", "text/html");
        using var signIn = await DeskRequests.SendAsync(client, HttpMethod.Get, "/admin/sign-in", "text/html");
        using var opened = await DeskRequests.SendAsync(client, HttpMethod.Post, "/admin/session", "application/json", bearer: adminToken);
        using var desk = await DeskRequests.SendAsync(client, HttpMethod.Get, "/admin/", "text/html", cookie: adminToken);
        using var session = await DeskRequests.SendAsync(client, HttpMethod.Get, "/admin/session", "application/json", cookie: adminToken);
        using var byPassenger = await DeskRequests.SendAsync(client, HttpMethod.Get, "/admin/", "text/html", cookie: passengerToken);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("id=\"phone\"", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, opened.StatusCode);
        Assert.StartsWith($"hushryd_desk={adminToken};", opened.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        Assert.Contains("/admin/assets/desk.js", await desk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var who = JsonDocument.Parse(await session.Content.ReadAsStringAsync());
        Assert.Equal(adminToken, who.RootElement.GetProperty("accessToken").GetString());
        Assert.Equal(TestLogin.UserIdOf(adminToken), who.RootElement.GetProperty("userId").GetString());
        Assert.Equal(TestLogin.AdminPhone, who.RootElement.GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byPassenger.StatusCode);
    }

    [Fact]
    public async Task The_admin_process_refuses_a_forged_admin_that_did_not_come_through_the_gateway()
    {
        using var client = new HttpClient { BaseAddress = _admin.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        request.Headers.Add("X-HushRyd-Principal-Id", "usr_forged");
        request.Headers.Add("X-HushRyd-Principal-Kind", "user");
        request.Headers.Add("X-HushRyd-Principal-Roles", "admin");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _admin.DisposeAsync();
        _gatewayData.Dispose();
        _adminData.Dispose();
    }
}
