using System.Net;
using HushRyd.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Sos;

/// <summary>
/// The server is killed with SIGKILL while an alert waits for its acknowledgement, five times in a row, each time while
/// it waits for the next page. After each restart the durable timer still pages on-call within a second of its due
/// time, and nothing sent before a kill is sent again.
/// </summary>
public sealed class SosCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Killed_five_times_while_waiting_each_page_fires_on_time_and_nothing_already_sent_is_sent_again()
    {
        string alertId;
        var server = ServerProcess.Start(_data.Path, SosServer.Settings(Timeout));
        try
        {
            (await server.WaitUntilReadyAsync()).Dispose();
            using (var traveller = await SosServer.TravellerAsync(server.BaseAddress, _data.Path))
            {
                HttpStatusCode created;
                (created, alertId) = await SosServer.RaiseAsync(traveller, "tap-crash");
                Assert.Equal(HttpStatusCode.Created, created);
            }

            Assert.True(await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.Contact, "SOS from", 1, TimeSpan.FromSeconds(5)));
            var previousDue = DateTime.MinValue;
            for (var page = 1; page <= Kills; page++)
            {
                var waiting = await Eventually.HoldsAsync(() => Task.FromResult(PendingTimer(alertId) > previousDue), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20));
                Assert.True(waiting, $"the workflow never started its timer before page {page}");
                var due = PendingTimer(alertId)!.Value;
                await server.KillAsync();
                await server.DisposeAsync();
                var killedAt = DateTime.UtcNow;

                server = ServerProcess.Start(_data.Path, SosServer.Settings(Timeout));
                (await server.WaitUntilReadyAsync()).Dispose();
                var readyAt = DateTime.UtcNow;
                var paged = await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.OnCall, $"(page {page})", 1, due - DateTime.UtcNow + TimeSpan.FromSeconds(5));
                Assert.True(paged, $"no page {page} after restart {page}");

                var escalatedAt = EscalatedAt(alertId)[page - 1];
                output.WriteLine($"restart {page}: killed {(due - killedAt).TotalMilliseconds:F0} ms before due; ready again after {(readyAt - killedAt).TotalMilliseconds:F0} ms; paged {(escalatedAt - due).TotalMilliseconds:F0} ms after due");
                Assert.True(readyAt < due, "the restart took longer than the timeout, so this run cannot judge the timer's punctuality");
                Assert.InRange((escalatedAt - due).TotalMilliseconds, -50, 1000);
                previousDue = due;
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.Single(SosServer.Sent(_data.Path, "sms", SosServer.Contact, "SOS from"));
        Assert.Single(SosServer.Sent(_data.Path, "push", SosServer.Contact, "SOS from"));
        Assert.Single(SosServer.Sent(_data.Path, "email", "desk@hushryd.test", alertId));
        for (var page = 1; page <= Kills; page++)
        {
            Assert.Single(SosServer.Sent(_data.Path, "sms", SosServer.OnCall, $"(page {page})"));
        }

        Assert.Equal(Kills, EscalatedAt(alertId).Count);
    }

    /// <summary>When the workflow's pending timer message is due (the only message of the instance in the future).</summary>
    private DateTime? PendingTimer(string alertId)
    {
        using var connection = Open("workflows.db");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(visible_at) FROM new_events WHERE instance_id = $id AND visible_at > $now;";
        command.Parameters.AddWithValue("$id", alertId);
        command.Parameters.AddWithValue("$now", DateTime.UtcNow.Ticks);
        return command.ExecuteScalar() is long ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;
    }

    /// <summary>When each page was recorded on the alert's timeline, first page first.</summary>
    private List<DateTime> EscalatedAt(string alertId)
    {
        using var connection = Open("hushryd.db");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT at FROM sos_timeline WHERE alert_id = $id AND kind = 'escalated' ORDER BY at;";
        command.Parameters.AddWithValue("$id", alertId);
        using var reader = command.ExecuteReader();
        var times = new List<DateTime>();
        while (reader.Read())
        {
            times.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)).UtcDateTime);
        }

        return times;
    }

    private SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, file)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose() => _data.Dispose();
}
