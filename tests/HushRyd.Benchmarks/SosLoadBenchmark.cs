using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HushRyd.Testing;
using Microsoft.Data.Sqlite;

namespace HushRyd.Benchmarks;

/// <summary>
/// Issue 12's figures: SOS raised at a steady rate by distinct signed-in passengers on started trips, while wrk drives the
/// location benchmark's single updates and the gateway benchmark's authenticated call against the same server. Measured
/// per alert: trigger to 201 (stored), and trigger to the first of its notifications in the dev outbox (the provider's
/// timestamp); the desk resolves each alert once its notifications are out, and the workflows' completion times come from
/// the workflow store. Every 201 must end with its alert readable, the contact's SMS and push and the desk's email sent.
/// Usage: dotnet run -c Release --project tests/HushRyd.Benchmarks -- sos [seconds alerts-per-second connections]; 0 connections runs SOS alone.
/// </summary>
public static class SosLoadBenchmark
{
    private const int WarmUpAlerts = 16;
    private const int SeatsPerTrip = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = BenchmarkReport.Argument(args, 0, 30);
        var rate = BenchmarkReport.Argument(args, 1, 5);
        var connections = BenchmarkReport.Argument(args, 2, 16);
        var alerts = seconds * rate;
        using var data = new TempDirectory();
        var riderCount = alerts + WarmUpAlerts;
        var driverPhones = Enumerable.Range(0, (riderCount + SeatsPerTrip - 1) / SeatsPerTrip).Select(i => Phone(973, i)).ToArray();
        await using var server = ServerProcess.Start(data.Path, Settings(driverPhones));
        using var admin = await server.WaitUntilReadyAsync();
        await TestLogin.SignInAsAdminAsync(admin, data.Path);
        var (drivers, riders) = await SosLoadSetup.RidersOnStartedTripsAsync(server.BaseAddress, data.Path, driverPhones, riderCount, SeatsPerTrip);
        var locationScript = Path.Combine(data.Path, "single.lua");
        await File.WriteAllTextAsync(locationScript, LocationScripts.Single(drivers));

        var watcher = new SosOutboxWatcher(data.Path);
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.Run(() => watcher.RunAsync(stopWatching.Token));
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // The first SOS since the server started is told apart: a rider after a deploy gets this one.
        var first = (await TriggerAsync(client, riders[..WarmUpAlerts], rate, watcher, admin))[0];

        var url = server.BaseAddress.ToString();
        var loadSeconds = seconds + 2;
        var location = BackgroundAsync(connections, () => Wrk.RunAsync(url, null, loadSeconds, connections, locationScript));
        var gateway = BackgroundAsync(connections, () => Wrk.RunAsync(new Uri(server.BaseAddress, "/api/v1/auth/whoami").ToString(), riders[0].Token, loadSeconds, connections));
        var cpu = server.ProcessorTime;
        var clock = Stopwatch.StartNew();
        var triggers = await TriggerAsync(client, riders[WarmUpAlerts..], rate, watcher, admin);
        var serverCpu = (server.ProcessorTime - cpu) / clock.Elapsed;
        var (locationResult, gatewayResult) = (await location, await gateway);
        await stopWatching.CancelAsync();
        await watching;

        var readable = await ReadableAsync(client, triggers);
        var completions = Completions(data.Path, triggers);
        for (var waited = Stopwatch.StartNew(); completions.Count < readable.Count && waited.Elapsed < Patience; completions = Completions(data.Path, triggers))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        var result = SosLoadResult.Of(triggers, watcher, readable, completions);
        var firstAlert = new SosFirstAlert(first.PersistedMs, SosLoadResult.TriggerToFirstDispatchMs(first, watcher));
        var report = SosLoadReport.Format(seconds, rate, connections, result, locationResult, gatewayResult, serverCpu, firstAlert, SosHops.Read(data.Path, triggers, watcher));
        Console.WriteLine(report);
        await BenchmarkLog.AppendAsync(report);
        return result.Lost == 0 ? 0 : 1;
    }

    private static Dictionary<string, string> Settings(string[] driverPhones)
    {
        var settings = new Dictionary<string, string>
        {
            ["RateLimits__Default"] = "100000000",
            ["RateLimits__Authenticated"] = "100000000",
            ["RateLimits__Premium"] = "100000000",
            ["Logging__LogLevel__Default"] = "Error",
            ["Sos__DeskEmail"] = "desk@hushryd.test",
            ["Sos__OnCall__0__Name"] = "Desk lead",
            ["Sos__OnCall__0__Phone"] = "+919812300009",
        };
        for (var i = 0; i < driverPhones.Length; i++)
        {
            settings[$"Auth__DriverPhones__{i + 10}"] = driverPhones[i];
        }

        return settings;
    }

    private static async Task<WrkResult?> BackgroundAsync(int connections, Func<Task<WrkResult>> run) => connections > 0 ? await run() : null;

    internal static string Phone(int prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"+91{prefix}{index:D7}");

    /// <summary>
    /// Raises one SOS per rider at <paramref name="rate"/> per second without waiting for earlier answers, has the desk resolve
    /// each alert once its notifications are out, and returns when every alert is resolved or the patience ran out.
    /// </summary>
    private static async Task<List<SosTrigger>> TriggerAsync(HttpClient client, SosRider[] riders, int rate, SosOutboxWatcher watcher, HttpClient admin)
    {
        var clock = Stopwatch.StartNew();
        var sent = new List<Task<SosTrigger>>(riders.Length);
        var resolved = new HashSet<string>(StringComparer.Ordinal);
        var resolving = new List<Task>();
        for (var i = 0; i < riders.Length; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            sent.Add(RaiseAsync(client, riders[i]));
            resolving.Add(ResolveNotifiedAsync(admin, sent, watcher, resolved));
        }

        var triggers = await Task.WhenAll(sent);
        var until = Stopwatch.StartNew();
        while (triggers.Any(t => t.AlertId is { } id && !resolved.Contains(id)) && until.Elapsed < Patience)
        {
            await ResolveNotifiedAsync(admin, sent, watcher, resolved);
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        await Task.WhenAll(resolving);
        return [.. triggers];
    }

    private static async Task<SosTrigger> RaiseAsync(HttpClient client, SosRider rider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/sos", UriKind.Relative))
        {
            Content = JsonContent.Create(new { tripId = rider.TripId, lat = 12.9716, lng = 77.5946, note = "benchmark" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", rider.Token);
        request.Headers.Add("Idempotency-Key", "bench-" + rider.Phone);
        var sentAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var alertId = response.StatusCode == HttpStatusCode.Created ? (await HttpJson.ReadAsync(response)).GetProperty("alertId").GetString() : null;
        return new SosTrigger(rider, sentAt, response.StatusCode, elapsed, alertId);
    }

    internal static bool Notified(SosTrigger trigger, SosOutboxWatcher watcher) =>
        watcher.ContactSms.ContainsKey(trigger.Rider.Contact) && watcher.ContactPush.ContainsKey(trigger.Rider.Contact) && watcher.DeskEmail.ContainsKey(trigger.AlertId!);

    /// <summary>The desk resolves every answered alert whose three notifications are out.</summary>
    private static async Task ResolveNotifiedAsync(HttpClient admin, List<Task<SosTrigger>> sent, SosOutboxWatcher watcher, HashSet<string> resolved)
    {
        var ready = sent.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)
            .Where(t => t.AlertId is not null && Notified(t, watcher))
            .Where(t => { lock (resolved) { return resolved.Add(t.AlertId!); } })
            .ToList();
        foreach (var trigger in ready)
        {
            using var response = await admin.PostAsync(new Uri($"/admin/v1/sos/{trigger.AlertId}/resolve", UriKind.Relative), null);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Alert ids the raiser can read back.</summary>
    private static async Task<HashSet<string>> ReadableAsync(HttpClient client, List<SosTrigger> triggers)
    {
        var readable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var trigger in triggers.Where(t => t.AlertId is not null))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/sos/{trigger.AlertId}", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", trigger.Rider.Token);
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                readable.Add(trigger.AlertId!);
            }
        }

        return readable;
    }

    /// <summary>When each alert's workflow completed, from the embedded workflow store (read-only, beside the running server).</summary>
    private static Dictionary<string, DateTimeOffset> Completions(string dataDirectory, List<SosTrigger> triggers)
    {
        var ids = triggers.Where(t => t.AlertId is not null).Select(t => t.AlertId!).ToHashSet(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "workflows.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_id, completed_at FROM instances WHERE status = 1 AND completed_at IS NOT NULL;";
        using var reader = command.ExecuteReader();
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (ids.Contains(reader.GetString(0)))
            {
                completed[reader.GetString(0)] = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            }
        }

        return completed;
    }
}
