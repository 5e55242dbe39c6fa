using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests;

/// <summary>The server binary as an operator runs it: start, serve, stop on SIGTERM, start again on the same data.</summary>
public sealed class ServerLifecycleTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_fresh_server_is_ready_within_a_minute_and_serves_its_operations_endpoints()
    {
        await using var server = ServerProcess.Start(_data.Path);
        using var client = await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        using var ready = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));
        var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var docs = await client.GetStringAsync(new Uri("/docs", UriKind.Relative));
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal("Healthy", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.RootElement.GetProperty("checks").GetProperty("sqlite").GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.Contains("/admin/v1/diagnostics/probes", openApi, StringComparison.Ordinal);
        Assert.Contains("<html", docs, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task SIGTERM_stops_cleanly_and_a_second_start_on_the_same_data_recovers_what_the_first_wrote()
    {
        Guid probeId;
        string firstDelivery;
        await using (var first = ServerProcess.Start(_data.Path))
        {
            using var client = await first.WaitUntilReadyAsync();
            await TestLogin.SignInAsAdminAsync(client, _data.Path);
            probeId = await SendProbeAsync(client, "before restart");
            firstDelivery = await WaitForDeliveryAsync(client, probeId);

            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var wal = new FileInfo(Path.Combine(_data.Path, "hushryd.db-wal"));
        Assert.True(!wal.Exists || wal.Length == 0, "a clean shutdown folds the WAL back into the database");

        await using var second = ServerProcess.Start(_data.Path);
        using var again = await second.WaitUntilReadyAsync();
        await TestLogin.SignInAsAdminAsync(again, _data.Path);
        Assert.Equal(firstDelivery, await again.GetStringAsync(new Uri($"/admin/v1/diagnostics/probes/{probeId}", UriKind.Relative)));
    }

    [Fact]
    public async Task Admin_calls_from_outside_the_allowed_networks_are_refused_before_anything_runs()
    {
        await using var server = ServerProcess.Start(_data.Path, new Dictionary<string, string> { ["Admin__AllowedNetworks__0"] = "10.0.0.0/8" });
        using var client = await server.WaitUntilReadyAsync();

        using var response = await client.PostAsJsonAsync(new Uri("/admin/v1/diagnostics/probes", UriKind.Relative), new { note = "blocked" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Malformed_json_gets_a_400_problem_and_publishes_nothing()
    {
        await using var server = ServerProcess.Start(_data.Path);
        using var client = await server.WaitUntilReadyAsync();
        await TestLogin.SignInAsAdminAsync(client, _data.Path);

        using var body = new StringContent("{\"note\": ", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/admin/v1/diagnostics/probes", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static async Task<Guid> SendProbeAsync(HttpClient client, string note)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/admin/v1/diagnostics/probes", UriKind.Relative), new { note });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return accepted.RootElement.GetProperty("probeId").GetGuid();
    }

    private static async Task<string> WaitForDeliveryAsync(HttpClient client, Guid probeId)
    {
        string? body = null;
        Assert.True(await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri($"/admin/v1/diagnostics/probes/{probeId}", UriKind.Relative));
                body = response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
                return body is not null;
            },
            TimeSpan.FromSeconds(15)));
        return body!;
    }

    public void Dispose() => _data.Dispose();
}
