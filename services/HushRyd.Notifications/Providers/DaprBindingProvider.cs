using System.Text;
using System.Text.Json;
using Dapr.Client;
using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Providers;

/// <summary>
/// A provider as a Dapr output binding named in components/ (sms, sms-fallback, email, email-fallback, push):
/// swapping a provider is a YAML change. The request is shaped for the binding type production uses.
/// </summary>
public sealed class DaprBindingProvider(ProviderRoute route, DaprClient dapr) : INotificationChannel
{
    public string Provider => route.Provider;

    public NotificationChannelKind Channel => route.Channel;

    public async Task<string> SendAsync(OutgoingMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var request = BindingRequestFor(route, message, idempotencyKey);
        var response = await dapr.InvokeBindingAsync(request, cancellationToken);
        return MessageId(response) ?? $"{route.Binding}:{idempotencyKey}";
    }

    public static BindingRequest BindingRequestFor(ProviderRoute route, OutgoingMessage message, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(message);
        var request = route.Provider switch
        {
            // bindings.twilio.sms and bindings.twilio.sendgrid: the text as data, the recipient as metadata.
            ProviderNames.Twilio => Request(route, "create", Encoding.UTF8.GetBytes(message.Body), ("toNumber", message.To)),
            ProviderNames.SendGrid => Request(route, "create", Encoding.UTF8.GetBytes(message.Body), ("emailTo", message.To), ("subject", message.Subject ?? "HushRyd")),

            // bindings.http: the provider's own API body; metadata becomes request headers.
            ProviderNames.Msg91 => Json(route, new { recipients = new[] { new { mobiles = message.To.TrimStart('+'), body = message.Body } } }),
            ProviderNames.Mailgun => Request(
                route,
                "post",
                Encoding.UTF8.GetBytes(Form(("to", message.To), ("subject", message.Subject ?? "HushRyd"), ("text", message.Body))),
                ("Content-Type", "application/x-www-form-urlencoded")),
            ProviderNames.Fcm => Json(route, new { message = new { token = message.To, notification = new { title = message.Subject ?? "HushRyd", body = message.Body } } }),
            _ => throw new InvalidOperationException($"no binding request shape is defined for provider {route.Provider}"),
        };
        request.Metadata["Idempotency-Key"] = idempotencyKey;
        return request;
    }

    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(field => Uri.EscapeDataString(field.Name) + "=" + Uri.EscapeDataString(field.Value)));

    private static BindingRequest Json(ProviderRoute route, object body) =>
        Request(route, "post", JsonSerializer.SerializeToUtf8Bytes(body), ("Content-Type", "application/json"));

    private static BindingRequest Request(ProviderRoute route, string operation, byte[] data, params (string Key, string Value)[] metadata)
    {
        var request = new BindingRequest(route.Binding, operation) { Data = data };
        foreach (var (key, value) in metadata)
        {
            request.Metadata[key] = value;
        }

        return request;
    }

    private static string? MessageId(BindingResponse response)
    {
        if (response.Data.Length == 0)
        {
            return null;
        }

        try
        {
            using var body = JsonDocument.Parse(response.Data);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && (body.RootElement.TryGetProperty("sid", out var id) || body.RootElement.TryGetProperty("id", out id) || body.RootElement.TryGetProperty("name", out id))
                && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
