using System.Net.Http.Json;
using System.Text.Json;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Providers;

/// <summary>
/// Embedded, with <c>Notifications:Webhook:Url</c> set: each provider posts its messages to that URL instead of the dev
/// outbox (a local request catcher, a chat hook), under its own name and with the job id as idempotency key.
/// </summary>
public sealed class WebhookProvider(ProviderRoute route, HttpClient http, Uri url, ProviderFaults faults) : INotificationChannel
{
    public string Provider => route.Provider;

    public NotificationChannelKind Channel => route.Channel;

    public async Task<string> SendAsync(OutgoingMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        faults.ThrowIfThisSendFails(route.Provider);

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new WebhookMessage(route.Provider, DevOutboxName(route.Channel), message.To, message.Subject, message.Body, idempotencyKey)),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderUnavailableException($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await MessageIdAsync(response, cancellationToken) ?? $"{route.Provider}-{idempotencyKey}";
    }

    private static string DevOutboxName(NotificationChannelKind channel) => channel.ToString().ToLowerInvariant();

    private static async Task<string?> MessageIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record WebhookMessage(string Provider, string Channel, string To, string? Subject, string Body, string IdempotencyKey);
}
