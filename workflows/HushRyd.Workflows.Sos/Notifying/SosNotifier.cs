using System.Net.Http.Json;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Realtime;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.Workflows.Sos.Notifying;

/// <summary>
/// Sends one SOS notification and writes the attempt on the alert's timeline (channel, provider, result). A failed
/// attempt is recorded, never thrown: one channel failing must not stop the others or the escalation.
/// </summary>
public sealed class SosNotifier(INotificationQueue queue, IRealtimeBroadcaster realtime, IHttpClientFactory http, ISosAlertStore alerts, TimeProvider time)
{
    public const string WebhookClient = "sos-webhooks";

    /// <summary>Through the critical queue, deduplicated per alert, step, recipient and channel.</summary>
    public async Task QueueAsync(string alertId, string step, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var channel = message.Channel.ToString().ToLowerInvariant();
        var attempt = await AttemptAsync(async () =>
        {
            var job = await queue.AddCriticalAsync(message, SosDedupeKeys.For(alertId, step, message.To, channel), cancellationToken);
            return (job.Provider ?? "critical-queue", $"{job.Status.ToString().ToLowerInvariant()}: job {job.Id}");
        });
        await RecordAsync(alertId, step, channel, attempt.Provider ?? "critical-queue", message.To, attempt.Result, cancellationToken);
    }

    public async Task BroadcastAsync(string alertId, string step, string room, object data, CancellationToken cancellationToken)
    {
        var attempt = await AttemptAsync(async () =>
        {
            await realtime.BroadcastToRoomAsync(room, RealtimeEvents.Sos, data, cancellationToken);
            return ("realtime", "published");
        });
        await RecordAsync(alertId, step, "realtime", "realtime", room, attempt.Result, cancellationToken);
    }

    /// <summary>POSTs the payload with the dedupe key as <c>Idempotency-Key</c>, so a receiver that honours it pages once.</summary>
    public async Task CallWebhookAsync(string alertId, string step, Uri url, object payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var attempt = await AttemptAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
            request.Headers.Add("Idempotency-Key", SosDedupeKeys.For(alertId, step, url.ToString(), "webhook"));
            using var response = await http.CreateClient(WebhookClient).SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            return (url.Host, $"http {(int)response.StatusCode}");
        });
        await RecordAsync(alertId, step, "webhook", url.Host, url.ToString(), attempt.Result, cancellationToken);
    }

    private static async Task<(string? Provider, string Result)> AttemptAsync(Func<Task<(string, string)>> send)
    {
        try
        {
            return await send();
        }
#pragma warning disable CA1031 // Every provider failure is recorded on the timeline and the other channels still go out.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return (null, "failed: " + ex.Message);
        }
    }

    private Task RecordAsync(string alertId, string step, string channel, string provider, string recipient, string result, CancellationToken cancellationToken) =>
        alerts.AppendAsync(alertId, new SosTimelineEntry(time.GetUtcNow(), SosTimelineKinds.Notification, channel, provider, recipient, result, step), cancellationToken);
}
