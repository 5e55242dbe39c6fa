using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Testing;

namespace HushRyd.EndToEndTests.Notifications;

/// <summary>The queue admin API and fail injection on the real server: breakers, failed jobs, retries, and bad input.</summary>
public sealed class QueueAdminTests(QueueAdminServer server) : IClassFixture<QueueAdminServer>
{
    private readonly TempDirectory _data = server.Data;
    private readonly HttpClient _admin = server.Admin;

    [Fact]
    public async Task With_the_primary_told_to_fail_its_breaker_opens_and_codes_still_arrive_through_the_fallback()
    {
        await SetFailShareAsync("twilio", 1);
        var phones = Enumerable.Range(0, 4).Select(n => $"+91981111000{n}").ToList();
        foreach (var phone in phones)
        {
            await RequestCodeAsync(phone);
        }

        var sent = await SmsProvidersAsync(phones);
        using var queues = JsonDocument.Parse(await _admin.GetStringAsync(new Uri("/admin/v1/queues", UriKind.Relative)));
        await SetFailShareAsync("twilio", 0);

        Assert.All(phones, phone => Assert.Equal("msg91", sent[phone]));
        var twilio = queues.RootElement.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == "twilio");
        Assert.Equal(("open", "primary", 1.0), (twilio.GetProperty("breaker").GetString(), twilio.GetProperty("role").GetString(), twilio.GetProperty("failShare").GetDouble()));
        var sms = queues.RootElement.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "sms");
        Assert.True(sms.GetProperty("priorities").GetProperty("high").GetProperty("completed").GetInt64() >= phones.Count + 1);
        Assert.True(sms.GetProperty("completedLastMinute").GetInt64() >= phones.Count + 1);
    }

    [Fact]
    public async Task A_code_no_provider_would_take_is_listed_as_failed_and_an_admins_retry_delivers_it()
    {
        const string Phone = "+919811112000";
        await SetFailShareAsync("twilio", 1);
        await SetFailShareAsync("msg91", 1);
        await RequestCodeAsync(Phone);
        JsonElement failed = default;
        Assert.True(await Eventually.HoldsAsync(
            async () =>
            {
                using var list = JsonDocument.Parse(await _admin.GetStringAsync(new Uri("/admin/v1/queues/sms/failed", UriKind.Relative)));
                failed = list.RootElement.EnumerateArray().Select(j => j.Clone()).FirstOrDefault(j => j.GetProperty("to").GetString() == Phone);
                return failed.ValueKind == JsonValueKind.Object;
            },
            TimeSpan.FromSeconds(10)));
        await SetFailShareAsync("twilio", 0);
        await SetFailShareAsync("msg91", 0);

        using var retry = await _admin.PostAsync(new Uri($"/admin/v1/queues/sms/failed/{failed.GetProperty("id").GetString()}/retry", UriKind.Relative), null);

        Assert.Equal(("failed", 2), (failed.GetProperty("status").GetString(), failed.GetProperty("attempts").GetInt32()));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Matches(@"^\d{6}$", await TestLogin.ReadCodeAsync(_data.Path, Phone, 0));
    }

    [Theory]
    [InlineData("PUT", "/admin/v1/outbox/providers/twilio/fail-share", """{"failShare":1.5}""", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/admin/v1/outbox/providers/twilio/fail-share", "{}", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/admin/v1/outbox/providers/pigeon/fail-share", """{"failShare":0.5}""", HttpStatusCode.NotFound)]
    [InlineData("GET", "/admin/v1/queues/fax/failed", null, HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/v1/queues/sms/failed/job_unknown/retry", null, HttpStatusCode.NotFound)]
    public async Task Bad_admin_requests_get_a_clear_problem(string method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _admin.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task SetFailShareAsync(string provider, double share)
    {
        using var response = await _admin.PutAsJsonAsync(new Uri($"/admin/v1/outbox/providers/{provider}/fail-share", UriKind.Relative), new { failShare = share });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task RequestCodeAsync(string phone)
    {
        using var response = await _admin.PostAsJsonAsync(new Uri("/api/v1/auth/otp", UriKind.Relative), new { phone });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Which provider carried each phone's code, once every phone has one in the outbox.</summary>
    private async Task<Dictionary<string, string>> SmsProvidersAsync(List<string> phones)
    {
        var providers = new Dictionary<string, string>();
        Assert.True(await Eventually.HoldsAsync(
            async () =>
            {
                using var outbox = JsonDocument.Parse(await _admin.GetStringAsync(new Uri("/admin/v1/outbox?channel=sms&limit=500", UriKind.Relative)));
                providers = outbox.RootElement.EnumerateArray()
                    .Where(entry => phones.Contains(entry.GetProperty("to").GetString()!))
                    .ToDictionary(entry => entry.GetProperty("to").GetString()!, entry => entry.GetProperty("provider").GetString()!);
                return providers.Count == phones.Count;
            },
            TimeSpan.FromSeconds(10)));
        return providers;
    }
}
