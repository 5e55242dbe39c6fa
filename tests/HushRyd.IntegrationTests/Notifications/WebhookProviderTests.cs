using System.Collections.Concurrent;
using System.Text.Json;
using HushRyd.Notifications.Providers;
using HushRyd.Platform.Notifications;
using HushRyd.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>With a webhook configured, providers post to it instead of the dev outbox, fail injection and fallback included.</summary>
public sealed class WebhookProviderTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly ConcurrentQueue<(JsonElement Body, string IdempotencyKey)> _received = new();
    private readonly string _address = $"http://127.0.0.1:{FreePort.Next()}";
    private WebApplication _sink = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_address);
        _sink = builder.Build();
        _sink.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            _received.Enqueue((body.RootElement.Clone(), request.Headers["Idempotency-Key"].ToString()));
            return Results.Json(new { id = $"hook-{_received.Count}" });
        });
        await _sink.StartAsync();
    }

    [Fact]
    public async Task Each_provider_posts_under_its_name_and_the_fallback_takes_over_when_the_primary_is_told_to_fail()
    {
        using var host = await NotificationHost.StartAsync(_data.Path, new Dictionary<string, string?> { [ProviderRegistration.WebhookUrlKey] = _address + "/hook" });
        var run = new SmsRun(host);

        var first = await run.SendOneAsync(1);
        run.Faults.Set(ProviderNames.Twilio, 1);
        var second = await run.SendOneAsync(2);

        Assert.Equal((JobStatus.Completed, ProviderNames.Twilio, "hook-1"), (first.Status, first.Provider, first.ProviderMessageId));
        Assert.Equal((JobStatus.Completed, ProviderNames.Msg91, "hook-2"), (second.Status, second.Provider, second.ProviderMessageId));
        Assert.Equal(
            [("twilio", "sms", SmsRun.Sms(1).To, first.Id), ("msg91", "sms", SmsRun.Sms(2).To, second.Id)],
            _received.Select(r => (r.Body.GetProperty("provider").GetString(), r.Body.GetProperty("channel").GetString(), r.Body.GetProperty("to").GetString(), r.IdempotencyKey)));
        Assert.Empty(await run.OutboxAsync());
        await host.StopAsync();
    }

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        _data.Dispose();
    }
}
