using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Trips;

/// <summary>The seed's degradation table for Redis: real-time features pause, the trip itself stays visible.</summary>
public sealed class ShareDegradationTests
{
    [SkippableFact]
    public async Task With_redis_gone_the_share_status_still_shows_the_trip_and_says_the_position_is_unavailable()
    {
        using var data = new TempDirectory();
        var redis = await TestRedis.StartAsync(RedisBackend.RedisServer);
        await using var server = ServerProcess.Start(data.Path, new Dictionary<string, string> { ["Redis__ConnectionString"] = redis.ConnectionString });
        (await server.WaitUntilReadyAsync()).Dispose();
        using var driver = await TestLogin.SignedInClientAsync(server.BaseAddress, data.Path, TestLogin.DriverPhones[0]);
        using var published = await driver.PostAsJsonAsync(new Uri("/api/v1/trips", UriKind.Relative), TripRequests.Publish());
        var tripId = JsonDocument.Parse(await published.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var shared = await driver.PostAsync(new Uri($"/api/v1/trips/{tripId}/share", UriKind.Relative), null);
        var token = JsonDocument.Parse(await shared.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();

        await redis.DisposeAsync();
        using var family = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var status = await family.GetAsync(new Uri($"/share/{token}/status", UriKind.Relative));
        using var page = await family.GetAsync(new Uri($"/share/{token}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("scheduled", body.RootElement.GetProperty("status").GetString());
        Assert.False(body.RootElement.GetProperty("positionAvailable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("position").ValueKind);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
