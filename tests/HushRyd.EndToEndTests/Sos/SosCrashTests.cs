using System.Net;
using HushRyd.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Sos;

/// <summary>
/// The server is killed with SIGKILL while an alert waits for its acknowledgement. After the restart the durable timer
/// still pages on-call within a second of its due time, and nothing sent before the kill is sent again.
/// </summary>
public sealed class SosCrashTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task After_a_SIGKILL_during_the_wait_the_page_fires_on_time_and_nothing_already_sent_is_sent_again()
    {
        string alertId;
        DateTime due;
        await using (var first = ServerProcess.Start(_data.Path, SosServer.Settings(Timeout)))
        {
            (await first.WaitUntilReadyAsync()).Dispose();
            using var traveller = await SosServer.TravellerAsync(first.BaseAddress, _data.Path);
            HttpStatusCode created;
            (created, alertId) = await SosServer.RaiseAsync(traveller, "tap-crash");
            Assert.Equal(HttpStatusCode.Created, created);
            Assert.True(await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.Contact, "SOS from", 1, TimeSpan.FromSeconds(5)));
            var waiting = await Eventually.HoldsAsync(() => Task.FromResult(PendingTimer(alertId) is not null), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20));
            Assert.True(waiting, "the workflow never started its acknowledgement timer");
            due = PendingTimer(alertId)!.Value;
            await first.KillAsync();
        }

        var killedAt = DateTime.UtcNow;
        await using var second = ServerProcess.Start(_data.Path, SosServer.Settings(Timeout));
        (await second.WaitUntilReadyAsync()).Dispose();
        var readyAt = DateTime.UtcNow;
        Assert.True(await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.OnCall, "(page 1)", 1, due - DateTime.UtcNow + TimeSpan.FromSeconds(5)), "no page after the restart");

        var escalatedAt = EscalatedAt(alertId);
        output.WriteLine($"killed {(due - killedAt).TotalMilliseconds:F0} ms before due; ready again after {(readyAt - killedAt).TotalMilliseconds:F0} ms; paged {(escalatedAt - due).TotalMilliseconds:F0} ms after due");
        Assert.True(readyAt < due, "the restart took longer than the timeout, so this run cannot judge the timer's punctuality");
        Assert.InRange((escalatedAt - due).TotalMilliseconds, -50, 1000);
        Assert.Single(SosServer.Sent(_data.Path, "sms", SosServer.Contact, "SOS from"));
        Assert.Single(SosServer.Sent(_data.Path, "push", SosServer.Contact, "SOS from"));
        Assert.Single(SosServer.Sent(_data.Path, "email", "desk@hushryd.test", alertId));
        Assert.Single(SosServer.Sent(_data.Path, "sms", SosServer.OnCall, "(page 1)"));
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

    private DateTime EscalatedAt(string alertId)
    {
        using var connection = Open("hushryd.db");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(at) FROM sos_timeline WHERE alert_id = $id AND kind = 'escalated';";
        command.Parameters.AddWithValue("$id", alertId);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)command.ExecuteScalar()!).UtcDateTime;
    }

    private SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, file)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose() => _data.Dispose();
}
