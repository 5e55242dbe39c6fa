using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HushRyd.EndToEndTests.Notifications;

/// <summary>
/// Property 4 across crashes: login codes are queued (202 means the SMS job is committed) while each send takes a
/// moment, and the server is killed with SIGKILL five times in a row with jobs active. After the last restart every
/// acknowledged SMS has reached the outbox exactly once: none lost, none sent twice to a provider.
/// </summary>
public sealed class NotificationCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Senders = 2;
    private const int Crashes = 5;

    private static readonly Dictionary<string, string> SlowProvider = new()
    {
        ["Notifications__OutboxLatency"] = "00:00:00.020",
        ["Notifications__Queues__Concurrency__sms"] = "8",
    };

    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Every_code_acknowledged_before_five_SIGKILLs_reaches_the_outbox_exactly_once()
    {
        var acknowledged = new ConcurrentBag<string>();
        var activeAtKill = new List<long>();
        for (var crash = 0; crash < Crashes; crash++)
        {
            await using var server = ServerProcess.Start(_data.Path, SlowProvider);
            using var client = await server.WaitUntilReadyAsync();
            using var stop = new CancellationTokenSource();
            var round = crash;
            var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(() => RequestCodesAsync(client, round, sender, acknowledged, stop.Token))).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(0.7));
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
            activeAtKill.Add(CountJobs("active"));
        }

        await using var restarted = ServerProcess.Start(_data.Path, SlowProvider);
        using var after = await restarted.WaitUntilReadyAsync();
        var phones = acknowledged.ToHashSet();
        var drained = await Eventually.HoldsAsync(() => Task.FromResult(CountJobs("waiting") + CountJobs("active") + CountJobs("delayed") == 0), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        var sent = SentPerPhone();

        output.WriteLine($"{phones.Count} codes acknowledged over {Crashes} crashes; jobs active at each SIGKILL: {string.Join(", ", activeAtKill)}.");
        Assert.True(phones.Count > 50, "too few codes were acknowledged for the test to mean anything");
        Assert.Contains(activeAtKill, active => active > 0);
        Assert.True(drained, "jobs were still open a while after the last restart");
        Assert.DoesNotContain(phones, phone => !sent.ContainsKey(phone));
        Assert.DoesNotContain(sent, entry => entry.Value > 1);
        await AssertQueueCountsAsync(after, phones.Count);
    }

    private static async Task RequestCodesAsync(HttpClient client, int round, int sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var phone = $"+9197{round}{sender}{n:D6}";
            try
            {
                using var response = await client.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone }, stop);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged.Add(phone);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task AssertQueueCountsAsync(HttpClient client, int acknowledged)
    {
        await TestLogin.SignInAsAdminAsync(client, _data.Path);
        using var queues = JsonDocument.Parse(await client.GetStringAsync(new Uri("/admin/v1/queues", UriKind.Relative)));
        var sms = queues.RootElement.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "sms").GetProperty("total");

        // A job committed just before a SIGKILL may never have been acknowledged, so there can be more than were; the
        // admin's own login code is one more. Each completed job left exactly one message in the outbox.
        Assert.True(
            await Eventually.HoldsAsync(() => Task.FromResult(CountJobs("completed") == SentPerPhone().Values.Sum()), TimeSpan.FromSeconds(10)),
            $"{CountJobs("completed")} completed jobs but {SentPerPhone().Values.Sum()} messages in the outbox");
        Assert.True(sms.GetProperty("completed").GetInt64() >= acknowledged + 1);
        Assert.Equal(0, sms.GetProperty("failed").GetInt64());
    }

    private Dictionary<string, int> SentPerPhone() =>
        File.ReadAllLines(Path.Combine(_data.Path, "outbox", "sms.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("to").GetString()!)
            .GroupBy(phone => phone)
            .ToDictionary(group => group.Key, group => group.Count());

    private long CountJobs(string status)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "hushryd.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM notification_jobs WHERE status = $status;";
        count.Parameters.AddWithValue("$status", status);
        return (long)count.ExecuteScalar()!;
    }

    public void Dispose() => _data.Dispose();
}
