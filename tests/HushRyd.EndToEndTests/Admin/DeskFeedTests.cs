using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HushRyd.EndToEndTests.Sos;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Admin;

/// <summary>
/// The desk's live feed (<c>GET /admin/v1/realtime/sos</c>) read as a browser's EventSource reads it: an alert, each
/// escalation and the acknowledgement arrive as <c>sos</c> events, without anyone asking again.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class DeskFeedTests(DeskServer desk)
{
    [Fact]
    public async Task The_feed_carries_the_new_alert_its_escalation_and_its_acknowledgement_each_within_a_second()
    {
        var admin = await desk.SignInAsync(DeskServer.ApiAdminPhone);
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var traveller = await desk.SignInAsync(SosServer.Traveller);
        using var client = DeskRequests.NewClient(desk.Server.BaseAddress);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var feed = await DeskRequests.GetAsync(client, "/admin/v1/realtime/sos", "text/event-stream", cookie: token);
        using var reader = new StreamReader(await feed.Content.ReadAsStreamAsync());
        Assert.Equal("event: ready", await reader.ReadLineAsync());

        var (created, alertId) = await SosServer.RaiseAsync(traveller, "feed-" + Guid.NewGuid().ToString("N"));
        var raised = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, created);
        var active = await NextAboutAsync(reader, alertId, e => e.GetProperty("status").GetString() == "active");
        var activeAfter = raised.Elapsed;
        var escalated = await NextAboutAsync(reader, alertId, e => e.GetProperty("escalationLevel").GetInt32() >= 1);
        var escalatedAfter = raised.Elapsed;

        var acknowledging = Stopwatch.StartNew();
        using (var acknowledged = await admin.PostAsync(new Uri($"/admin/v1/sos/{alertId}/acknowledge", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        var taken = await NextAboutAsync(reader, alertId, e => e.GetProperty("status").GetString() == "acknowledged");

        Assert.True(activeAfter < TimeSpan.FromSeconds(1), $"the alert reached the feed {activeAfter.TotalMilliseconds:F0} ms after its 201");
        Assert.StartsWith("usr_", active.GetProperty("raisedBy").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, active.GetProperty("escalationLevel").GetInt32());
        Assert.True(escalatedAfter < DeskServer.AcknowledgeTimeout + TimeSpan.FromSeconds(1), $"the first escalation reached the feed {escalatedAfter.TotalMilliseconds:F0} ms after the 201");
        Assert.Equal("active", escalated.GetProperty("status").GetString());
        Assert.True(acknowledging.Elapsed < TimeSpan.FromSeconds(1), $"the acknowledgement reached the feed {acknowledging.Elapsed.TotalMilliseconds:F0} ms after it was asked for");
        Assert.Equal(TestLogin.UserIdOf(token), taken.GetProperty("acknowledgedBy").GetString());
    }

    /// <summary>The next <c>sos</c> event about <paramref name="alertId"/> that <paramref name="matches"/>; others (and pings) are passed over.</summary>
    private static async Task<JsonElement> NextAboutAsync(StreamReader reader, string alertId, Func<JsonElement, bool> matches)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var isSos = false;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                isSos = line == "event: sos";
                continue;
            }

            if (isSos && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var data = JsonDocument.Parse(line["data: ".Length..]);
                var payload = data.RootElement;
                if (payload.GetProperty("alertId").GetString() == alertId && payload.TryGetProperty("raisedBy", out _) && matches(payload))
                {
                    return payload.Clone();
                }
            }
        }

        throw new InvalidOperationException("the feed ended");
    }
}
