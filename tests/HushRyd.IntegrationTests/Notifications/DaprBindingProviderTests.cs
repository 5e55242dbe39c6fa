using System.Text;
using System.Text.Json;
using Dapr.Client;
using HushRyd.Notifications.Providers;
using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Dapr;
using NSubstitute;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>The output-binding calls each provider makes into the sidecar, checked on a DaprClient test double (no daprd here).</summary>
public class DaprBindingProviderTests
{
    private readonly DaprClient _dapr = Substitute.For<DaprClient>();
    private BindingRequest? _sent;

    public DaprBindingProviderTests() =>
        _dapr.InvokeBindingAsync(Arg.Do<BindingRequest>(request => _sent = request), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult(new BindingResponse(call.Arg<BindingRequest>(), Encoding.UTF8.GetBytes("""{"sid":"SM42"}"""), new Dictionary<string, string>())));

    [Fact]
    public async Task Twilio_sends_the_text_to_the_sms_binding_with_the_number_as_metadata_and_returns_the_message_sid()
    {
        var id = await Provider(ProviderNames.Twilio).SendAsync(new OutgoingMessage(NotificationChannelKind.Sms, "+919812345678", "123456 is your code"), "job_1");

        Assert.Equal("SM42", id);
        Assert.Equal((DaprComponentNames.Sms, "create", "123456 is your code"), (_sent!.BindingName, _sent.Operation, Encoding.UTF8.GetString(_sent.Data.Span)));
        Assert.Equal("+919812345678", _sent.Metadata["toNumber"]);
        Assert.Equal("job_1", _sent.Metadata["Idempotency-Key"]);
    }

    [Fact]
    public async Task SendGrid_sends_to_the_email_binding_with_recipient_and_subject_as_metadata()
    {
        await Provider(ProviderNames.SendGrid).SendAsync(new OutgoingMessage(NotificationChannelKind.Email, "rider@example.com", "Hello", "Booking confirmed"), "job_2");

        Assert.Equal((DaprComponentNames.Email, "create"), (_sent!.BindingName, _sent.Operation));
        Assert.Equal(("rider@example.com", "Booking confirmed"), (_sent.Metadata["emailTo"], _sent.Metadata["subject"]));
    }

    [Fact]
    public async Task The_http_providers_post_their_apis_bodies_to_their_bindings()
    {
        await Provider(ProviderNames.Msg91).SendAsync(new OutgoingMessage(NotificationChannelKind.Sms, "+919812345678", "text"), "job_3");
        var msg91 = _sent!;
        await Provider(ProviderNames.Mailgun).SendAsync(new OutgoingMessage(NotificationChannelKind.Email, "rider@example.com", "a & b", "Hi"), "job_4");
        var mailgun = _sent!;
        await Provider(ProviderNames.Fcm).SendAsync(new OutgoingMessage(NotificationChannelKind.Push, "device-token", "SOS nearby", "HushRyd"), "job_5");
        var fcm = _sent!;

        Assert.Equal((DaprComponentNames.SmsFallback, "post"), (msg91.BindingName, msg91.Operation));
        using var msg91Body = JsonDocument.Parse(msg91.Data);
        Assert.Equal("919812345678", msg91Body.RootElement.GetProperty("recipients")[0].GetProperty("mobiles").GetString());
        Assert.Equal((DaprComponentNames.EmailFallback, "post", "to=rider%40example.com&subject=Hi&text=a%20%26%20b"), (mailgun.BindingName, mailgun.Operation, Encoding.UTF8.GetString(mailgun.Data.Span)));
        Assert.Equal("application/x-www-form-urlencoded", mailgun.Metadata["Content-Type"]);
        Assert.Equal((DaprComponentNames.Push, "post"), (fcm.BindingName, fcm.Operation));
        using var fcmBody = JsonDocument.Parse(fcm.Data);
        Assert.Equal("device-token", fcmBody.RootElement.GetProperty("message").GetProperty("token").GetString());
    }

    [Fact]
    public async Task A_binding_the_sidecar_refuses_fails_the_send_so_the_chain_moves_on()
    {
        _dapr.InvokeBindingAsync(Arg.Any<BindingRequest>(), Arg.Any<CancellationToken>()).Returns(Task.FromException<BindingResponse>(new global::Dapr.DaprException("binding sms failed")));

        await Assert.ThrowsAsync<global::Dapr.DaprException>(() => Provider(ProviderNames.Twilio).SendAsync(new OutgoingMessage(NotificationChannelKind.Sms, "+919812345678", "x"), "job_6"));
    }

    private DaprBindingProvider Provider(string name) => new(ProviderNames.Find(name)!, _dapr);
}
