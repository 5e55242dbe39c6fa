using System.Net;
using System.Net.Http.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Location;

/// <summary>
/// Gateway (with notifications, which sends its sign-in codes), trips and location in three processes: location asks trips
/// who may report, over its internal API.
/// </summary>
public sealed class LocationSplitDeploymentTests : IAsyncLifetime
{
    private const string InternalToken = "location-split-test-token";
    private readonly TempDirectory _gatewayData = new();
    private readonly TempDirectory _tripsData = new();
    private readonly TempDirectory _locationData = new();
    private ServerProcess _trips = null!;
    private ServerProcess _location = null!;
    private ServerProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _trips = ServerProcess.Start(_tripsData.Path, new Dictionary<string, string> { ["Internal__Token"] = InternalToken }, "--target", "trips");
        (await _trips.WaitUntilReadyAsync()).Dispose();
        _location = ServerProcess.Start(
            _locationData.Path,
            new Dictionary<string, string> { ["Internal__Token"] = InternalToken, ["Modules__Trips"] = _trips.BaseAddress.ToString() },
            "--target",
            "location");
        (await _location.WaitUntilReadyAsync()).Dispose();
        _gateway = ServerProcess.Start(
            _gatewayData.Path,
            new Dictionary<string, string>
            {
                ["Internal__Token"] = InternalToken,
                ["Gateway__Proxy__Api"] = _trips.BaseAddress.ToString(),
                ["Gateway__Proxy__Location"] = _location.BaseAddress.ToString(),
            },
            "--target",
            "gateway,notifications");
        (await _gateway.WaitUntilReadyAsync()).Dispose();
    }

    [Fact]
    public async Task A_driver_reports_through_the_gateway_to_the_location_process_which_checks_the_trip_with_the_trips_process()
    {
        using var driver = await TestLogin.SignedInClientAsync(_gateway.BaseAddress, _gatewayData.Path, TestLogin.DriverPhones[0]);
        using var other = await TestLogin.SignedInClientAsync(_gateway.BaseAddress, _gatewayData.Path, TestLogin.DriverPhones[1]);
        var trip = await LocationRequests.StartedTripAsync(driver, null);

        using var reported = await LocationRequests.PutAsync(driver, trip, LocationRequests.Report(12.9716, 77.5946, DateTimeOffset.UtcNow));
        using var byOther = await LocationRequests.PutAsync(other, trip, LocationRequests.Report(12.1, 77.1, DateTimeOffset.UtcNow));
        var read = await driver.GetFromJsonAsync<PositionRead>(new Uri($"/api/v1/trips/{trip}/location", UriKind.Relative));
        using var direct = new HttpClient { BaseAddress = _trips.BaseAddress };
        using var withoutToken = await direct.GetAsync(new Uri($"/internal/v1/trips/{trip}/participants", UriKind.Relative));
        using var throughGateway = await driver.GetAsync(new Uri($"/internal/v1/trips/{trip}/participants", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, reported.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(12.9716, read!.Lat);
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, throughGateway.StatusCode);
    }

    [Fact]
    public async Task The_location_target_refuses_to_start_without_an_address_for_trips()
    {
        using var data = new TempDirectory();
        var (exitCode, _, stderr) = await ServerProcess.RunToExitAsync(
            new Dictionary<string, string> { ["Internal__Token"] = InternalToken }, "--data-dir", data.Path, "--target", "location");

        Assert.Equal(2, exitCode);
        Assert.Contains("Modules:Trips", stderr, StringComparison.Ordinal);
    }

    private sealed record PositionRead(double Lat, double Lng);

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _location.DisposeAsync();
        await _trips.DisposeAsync();
        _gatewayData.Dispose();
        _tripsData.Dispose();
        _locationData.Dispose();
    }
}
