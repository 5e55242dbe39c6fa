using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.EndToEndTests.Trips;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests;

/// <summary>The gateway and the trips module in separate processes, as in Kubernetes: the module trusts only the gateway.</summary>
public sealed class SplitDeploymentTests : IAsyncLifetime
{
    private const string InternalToken = "split-deployment-test-token";
    private readonly TempDirectory _gatewayData = new();
    private readonly TempDirectory _tripsData = new();
    private ServerProcess _trips = null!;
    private ServerProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _trips = ServerProcess.Start(_tripsData.Path, new Dictionary<string, string> { ["Internal__Token"] = InternalToken }, "--target", "trips");
        (await _trips.WaitUntilReadyAsync()).Dispose();
        _gateway = ServerProcess.Start(
            _gatewayData.Path,
            new Dictionary<string, string> { ["Internal__Token"] = InternalToken, ["Gateway__Proxy__Api"] = _trips.BaseAddress.ToString() },
            "--target",
            "gateway");
        (await _gateway.WaitUntilReadyAsync()).Dispose();
    }

    [Fact]
    public async Task A_driver_signed_in_at_the_gateway_publishes_a_trip_served_by_the_trips_process()
    {
        using var driver = await TestLogin.SignedInClientAsync(_gateway.BaseAddress, _gatewayData.Path, TestLogin.DriverPhones[0]);
        using var me = await driver.GetFromJsonAsync<JsonDocument>(new Uri("/api/v1/users/me", UriKind.Relative));

        using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        using var trip = JsonDocument.Parse(await published.Content.ReadAsStringAsync());
        Assert.Equal(me!.RootElement.GetProperty("id").GetString(), trip.RootElement.GetProperty("driverId").GetString());
    }

    [Fact]
    public async Task The_trips_process_refuses_principal_headers_without_the_gateways_token()
    {
        using var direct = new HttpClient { BaseAddress = _trips.BaseAddress };
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/trips") { Content = JsonContent.Create(TripRequests.Publish()) };
        forged.Headers.Add("X-HushRyd-Principal-Id", "usr_forged");
        forged.Headers.Add("X-HushRyd-Principal-Kind", "user");
        forged.Headers.Add("X-HushRyd-Principal-Roles", "driver");
        forged.Headers.Add("X-HushRyd-Internal-Token", "a-guess");
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/v1/trips?city=Delhi");

        using var forgedResponse = await direct.SendAsync(forged);
        using var anonymousResponse = await direct.SendAsync(anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
    }

    [Fact]
    public async Task A_module_without_the_gateway_will_not_start_without_the_internal_token()
    {
        using var data = new TempDirectory();

        var (exitCode, _, error) = await ServerProcess.RunToExitAsync(null, "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--target", "trips");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("hushryd: modules running without the gateway need Internal:Token", error.Trim(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _trips.DisposeAsync();
        _gatewayData.Dispose();
        _tripsData.Dispose();
    }
}
