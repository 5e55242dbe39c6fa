using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests;

/// <summary>
/// At-least-once across a crash: the server publishes a stream of events, is killed with SIGKILL while
/// publishes and deliveries are in flight, and restarted. Every event acknowledged to its publisher (202)
/// must be delivered after the restart; none may be lost.
/// </summary>
public sealed class KillWhileInFlightTests(ITestOutputHelper output) : IDisposable
{
    private const int Publishers = 8;
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Every_event_acknowledged_before_a_SIGKILL_is_delivered_after_restart()
    {
        var acknowledged = new ConcurrentBag<Guid>();
        string token;
        var failedInFlight = 0;
        await using (var server = ServerProcess.Start(_data.Path))
        {
            using var client = await server.WaitUntilReadyAsync();
            token = await TestLogin.SignInAsAdminAsync(client, _data.Path);
            using var stop = new CancellationTokenSource();
            var publishers = Enumerable.Range(0, Publishers).Select(publisher => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        using var response = await client.PostAsJsonAsync(new Uri("/admin/v1/diagnostics/probes", UriKind.Relative), new { note = $"{publisher}-{n}" });
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            acknowledged.Add(body.RootElement.GetProperty("probeId").GetGuid());
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref failedInFlight);
                        return;
                    }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(2));
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(publishers);
        }

        output.WriteLine($"{acknowledged.Count} events acknowledged before SIGKILL; {failedInFlight} publishes were cut off in flight; {PendingDeliveries()} deliveries were still owed when the process died.");
        Assert.True(acknowledged.Count > 100, "the server acknowledged too few events for the test to mean anything");

        await using var restarted = ServerProcess.Start(_data.Path);
        using var after = await restarted.WaitUntilReadyAsync();

        // The token issued before the crash still works: signing keys and sessions are persisted.
        after.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var missing = acknowledged.ToHashSet();
        int? undeliveredAtRestart = null;
        var allDelivered = await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var probeId in missing.ToArray())
                {
                    using var response = await after.GetAsync(new Uri($"/admin/v1/diagnostics/probes/{probeId}", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        missing.Remove(probeId);
                    }
                }

                undeliveredAtRestart ??= missing.Count;
                return missing.Count == 0;
            },
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(250));

        output.WriteLine($"{undeliveredAtRestart} acknowledged events were still undelivered when the restarted server first answered.");
        Assert.True(allDelivered, $"{missing.Count} of {acknowledged.Count} acknowledged events were never delivered, e.g. {missing.FirstOrDefault()}");
    }

    private long PendingDeliveries()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "hushryd.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM event_deliveries;";
        return (long)count.ExecuteScalar()!;
    }

    public void Dispose() => _data.Dispose();
}
