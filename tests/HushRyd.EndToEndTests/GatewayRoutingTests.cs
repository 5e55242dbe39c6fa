using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HushRyd.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HushRyd.EndToEndTests;

/// <summary>With --target gateway, what the gateway does not serve goes to the module's process, with the principal.</summary>
public sealed class GatewayRoutingTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private WebApplication _upstream = null!;
    private string _upstreamAddress = null!;

    public async Task InitializeAsync()
    {
        _upstreamAddress = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_upstreamAddress);
        _upstream = builder.Build();
        _upstream.MapFallback((HttpRequest request) => Results.Json(new
        {
            path = request.Path.Value,
            principal = request.Headers.Where(h => h.Key.StartsWith("X-HushRyd-Principal-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
        }));
        await _upstream.StartAsync();
    }

    [Fact]
    public async Task Api_traffic_is_proxied_with_the_authenticated_principal_and_forged_principal_headers_are_dropped()
    {
        await using var gateway = ServerProcess.Start(_data.Path, new Dictionary<string, string> { ["Gateway__Proxy__Api"] = _upstreamAddress }, "--target", "gateway");
        using var client = await gateway.WaitUntilReadyAsync();
        var token = await TestLogin.LoginAsync(client, _data.Path, "+919812340000");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/trips/trip_42");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-HushRyd-Principal-Roles", "admin");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/api/v1/trips/trip_42", echo.RootElement.GetProperty("path").GetString());
        var principal = echo.RootElement.GetProperty("principal");
        Assert.StartsWith("usr_", principal.GetProperty("x-hushryd-principal-id").GetString(), StringComparison.Ordinal);
        Assert.Equal("user", principal.GetProperty("x-hushryd-principal-kind").GetString());
        Assert.Equal("passenger", principal.GetProperty("x-hushryd-principal-roles").GetString());
    }

    [Fact]
    public async Task Public_share_pages_go_to_the_api_cluster_without_a_principal_and_are_rate_limited_on_the_way()
    {
        await using var gateway = ServerProcess.Start(_data.Path, new Dictionary<string, string> { ["Gateway__Proxy__Api"] = _upstreamAddress }, "--target", "gateway");
        using var client = await gateway.WaitUntilReadyAsync();

        using var response = await client.GetAsync(new Uri("/share/some-token/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/share/some-token/status", echo.RootElement.GetProperty("path").GetString());
        Assert.Empty(echo.RootElement.GetProperty("principal").EnumerateObject());
        Assert.True(response.Headers.Contains("RateLimit-Limit"));
    }

    [Fact]
    public async Task The_gateways_own_routes_are_served_locally_even_when_api_traffic_is_proxied()
    {
        await using var gateway = ServerProcess.Start(_data.Path, new Dictionary<string, string> { ["Gateway__Proxy__Api"] = _upstreamAddress }, "--target", "gateway");
        using var client = await gateway.WaitUntilReadyAsync();

        using var whoami = await client.GetAsync(new Uri("/api/v1/auth/whoami", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, whoami.StatusCode);
        Assert.Equal("application/problem+json", whoami.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_admin_api_of_the_queues_and_of_the_realtime_cluster_goes_to_their_own_processes_with_the_admin()
    {
        await using var gateway = ServerProcess.Start(
            _data.Path,
            new Dictionary<string, string> { ["Gateway__Proxy__Notifications"] = _upstreamAddress, ["Gateway__Proxy__Realtime"] = _upstreamAddress },
            "--target",
            "gateway");
        using var admin = await gateway.WaitUntilReadyAsync();
        await TestLogin.SignInAsAdminAsync(admin, _data.Path);

        foreach (var path in new[] { "/admin/v1/queues", "/admin/v1/queues/sms/failed", "/admin/v1/realtime/stats", "/admin/v1/realtime/sos" })
        {
            using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(path, echo.RootElement.GetProperty("path").GetString());
            Assert.Equal("passenger,admin", echo.RootElement.GetProperty("principal").GetProperty("x-hushryd-principal-roles").GetString());
        }

        using var desk = await admin.GetAsync(new Uri("/admin/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, desk.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        _data.Dispose();
    }
}
