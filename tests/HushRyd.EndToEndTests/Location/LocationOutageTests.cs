using System.Net;
using HushRyd.Platform.Redis;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.EndToEndTests.Location;

/// <summary>The seed's degradation table for Redis: location updates are delayed, not lost.</summary>
public sealed class LocationOutageTests
{
    [SkippableFact]
    public async Task With_redis_killed_reports_are_buffered_and_read_stale_then_replayed_newest_last_when_it_returns()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        using var data = new TempDirectory();
        await using var server = ServerProcess.Start(data.Path, new Dictionary<string, string>
        {
            ["Redis__ConnectionString"] = redis.ConnectionString,
            ["Location__ReplayProbeInterval"] = "00:00:00.200",
            ["Logging__LogLevel__HushRyd"] = "Debug",
        });
        (await server.WaitUntilReadyAsync()).Dispose();
        using var driver = await TestLogin.SignedInClientAsync(server.BaseAddress, data.Path, TestLogin.DriverPhones[0]);
        var trip = await LocationRequests.StartedTripAsync(driver, null);
        var start = DateTimeOffset.UtcNow.AddSeconds(-20);
        using (var before = await LocationRequests.PutAsync(driver, trip, LocationRequests.Report(12.90, 77.50, start)))
        {
            Assert.Equal(HttpStatusCode.NoContent, before.StatusCode);
        }

        await redis.KillAsync();
        var during = new List<HttpStatusCode>();
        foreach (var (lat, seconds) in new[] { (12.91, 5), (12.93, 15), (12.92, 10) })
        {
            using var response = await LocationRequests.PutAsync(driver, trip, LocationRequests.Report(lat, 77.50, start.AddSeconds(seconds)));
            during.Add(response.StatusCode);
        }

        using var staleRead = await driver.GetAsync(new Uri($"/api/v1/trips/{trip}/location", UriKind.Relative));
        using var health = await driver.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var healthBody = await health.Content.ReadAsStringAsync();

        Assert.All(during, status => Assert.Equal(HttpStatusCode.NoContent, status));
        var stale = await HttpJson.ReadAsync(staleRead);
        Assert.True(stale.GetProperty("stale").GetBoolean());
        Assert.Equal(12.93, stale.GetProperty("lat").GetDouble());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Degraded", healthBody, StringComparison.Ordinal);

        await redis.RestartAsync();
        var replayed = await Eventually.HoldsAsync(
            async () =>
            {
                using var read = await driver.GetAsync(new Uri($"/api/v1/trips/{trip}/location", UriKind.Relative));
                var body = await HttpJson.ReadAsync(read);
                return read.StatusCode == HttpStatusCode.OK && !body.GetProperty("stale").GetBoolean();
            },
            TimeSpan.FromSeconds(30));
        await using var direct = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var stored = await direct.GetDatabase().HashGetAsync(LocationKeys.Trip(trip), [LocationKeys.Lat, LocationKeys.Timestamp]);

        Assert.True(replayed, "the buffered positions were not replayed into Redis:\n" + server.Output);
        Assert.Equal("12.93", (string?)stored[0]);
        Assert.Equal(start.AddSeconds(15).ToUnixTimeMilliseconds(), (long)stored[1]);
    }
}
