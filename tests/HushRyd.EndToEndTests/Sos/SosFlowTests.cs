using System.Net;
using System.Text.Json;
using HushRyd.EndToEndTests.Location;
using HushRyd.EndToEndTests.Trips;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Sos;

/// <summary>
/// Issue 12 end to end through the real server, the embedded workflow sidecar and the real Dapr.Workflow SDK, with the
/// acknowledgement timeout shortened to a second: raise over HTTP, contacts told, on-call paged while nobody answers,
/// paging stops at the acknowledgement; and a raiser's cancel tells everyone.
/// </summary>
public sealed class SosFlowTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Raised_alert_reaches_the_contact_pages_on_call_until_acknowledged_and_no_page_follows_the_acknowledgement()
    {
        await using var server = ServerProcess.Start(_data.Path, SosServer.Settings(Timeout));
        using var admin = await server.WaitUntilReadyAsync();
        using var traveller = await SosServer.TravellerAsync(server.BaseAddress, _data.Path);
        var adminId = await AdminIdAsync(admin);

        var (created, alertId) = await SosServer.RaiseAsync(traveller, "tap-1");
        var (again, sameId) = await SosServer.RaiseAsync(traveller, "tap-1");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(alertId, sameId);

        Assert.True(await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.Contact, "SOS from", 1, TimeSpan.FromSeconds(5)), "the trusted contact got no SOS SMS");
        Assert.True(await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.OnCall, "(page 1)", 1, TimeSpan.FromSeconds(5)), "nobody acknowledged, yet on-call was not paged");

        using (var acknowledged = await admin.PostAsync(new Uri($"/admin/v1/sos/{alertId}/acknowledge", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        using (var second = await admin.PostAsync(new Uri($"/admin/v1/sos/{alertId}/acknowledge", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Contains(adminId, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var pagesAtAck = SosServer.Sent(_data.Path, "sms", SosServer.OnCall, "NOT acknowledged").Count;
        await Task.Delay(Timeout * 2.5);
        Assert.InRange(SosServer.Sent(_data.Path, "sms", SosServer.OnCall, "NOT acknowledged").Count, pagesAtAck, pagesAtAck + 1);
        var pagesAfter = SosServer.Sent(_data.Path, "sms", SosServer.OnCall, "NOT acknowledged").Count;
        await Task.Delay(Timeout * 1.5);
        Assert.Equal(pagesAfter, SosServer.Sent(_data.Path, "sms", SosServer.OnCall, "NOT acknowledged").Count);

        using var alert = JsonDocument.Parse(await traveller.GetStringAsync(new Uri($"/api/v1/sos/{alertId}", UriKind.Relative)));
        var timeline = alert.RootElement.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal("acknowledged", alert.RootElement.GetProperty("status").GetString());
        Assert.Equal("raised", timeline[0].GetProperty("kind").GetString());
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "notification" && e.GetProperty("channel").GetString() == "sms" && e.GetProperty("recipient").GetString() == SosServer.Contact);
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "notification" && e.GetProperty("channel").GetString() == "realtime");
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "escalated");
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "acknowledged" && e.GetProperty("detail").GetString() == adminId);
    }

    [Fact]
    public async Task An_alert_on_a_trip_records_the_trips_vehicle_and_the_contacts_sms_and_the_desk_email_name_the_plate()
    {
        await using var server = ServerProcess.Start(_data.Path, SosServer.Settings(TimeSpan.FromSeconds(30)));
        using var admin = await server.WaitUntilReadyAsync();
        using var traveller = await SosServer.TravellerAsync(server.BaseAddress, _data.Path);
        using var driver = await TestLogin.SignedInClientAsync(server.BaseAddress, _data.Path, TestLogin.DriverPhones[0]);
        var tripId = await LocationRequests.StartedTripAsync(driver, traveller);

        var (created, alertId) = await SosServer.RaiseAsync(traveller, "tap-car", tripId);

        Assert.Equal(HttpStatusCode.Created, created);
        var sms = Assert.Single(await OutboxFiles.WaitForSmsAsync(_data.Path, SosServer.Contact), body => body.StartsWith("SOS from", StringComparison.Ordinal));
        Assert.Contains($"Car: {TripRequests.Plate}, White Maruti Suzuki Swift.", sms, StringComparison.Ordinal);
        Assert.True(await SosServer.SentWithinAsync(_data.Path, "email", "desk@hushryd.test", $"vehicle: {TripRequests.Plate}, White Maruti Suzuki Swift", 1, TimeSpan.FromSeconds(5)), "the desk email does not name the car");
        using var alert = JsonDocument.Parse(await traveller.GetStringAsync(new Uri($"/api/v1/sos/{alertId}", UriKind.Relative)));
        var vehicle = alert.RootElement.GetProperty("vehicle");
        Assert.Equal(TripRequests.Plate, vehicle.GetProperty("registration").GetString());
        Assert.Equal("Maruti Suzuki Swift", vehicle.GetProperty("makeModel").GetString());
        Assert.Equal("White", vehicle.GetProperty("colour").GetString());
    }

    [Fact]
    public async Task A_cancelled_alert_tells_the_contact_it_is_over_and_pages_nobody_afterwards()
    {
        await using var server = ServerProcess.Start(_data.Path, SosServer.Settings(TimeSpan.FromSeconds(3)));
        using var admin = await server.WaitUntilReadyAsync();
        using var traveller = await SosServer.TravellerAsync(server.BaseAddress, _data.Path);
        await TestLogin.SignInAsAdminAsync(admin, _data.Path);

        var (created, alertId) = await SosServer.RaiseAsync(traveller, "tap-2");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.True(await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.Contact, "SOS from", 1, TimeSpan.FromSeconds(5)));
        using (var cancelled = await traveller.PostAsync(new Uri($"/api/v1/sos/{alertId}/cancel", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        Assert.True(await SosServer.SentWithinAsync(_data.Path, "sms", SosServer.Contact, "cancelled by the traveller", 1, TimeSpan.FromSeconds(5)), "the contact was not told the SOS is over");
        using (var late = await admin.PostAsync(new Uri($"/admin/v1/sos/{alertId}/acknowledge", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Empty(SosServer.Sent(_data.Path, "sms", SosServer.OnCall, "NOT acknowledged"));
        using var active = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/admin/v1/sos?status=active", UriKind.Relative)));
        Assert.Equal(0, active.RootElement.GetArrayLength());
    }

    private async Task<string> AdminIdAsync(HttpClient admin) => TestLogin.UserIdOf(await TestLogin.SignInAsAdminAsync(admin, _data.Path));

    public void Dispose() => _data.Dispose();
}
