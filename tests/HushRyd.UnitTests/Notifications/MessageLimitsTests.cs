using HushRyd.Notifications.Messages;
using HushRyd.Platform.Notifications;
using HushRyd.Platform.Trips;
using HushRyd.Trips.Api;
using HushRyd.Trips.Sharing;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;

namespace HushRyd.UnitTests.Notifications;

public class MessageLimitsTests
{
    [Theory]
    [InlineData("9812345678")]
    [InlineData("+09812345678")]
    [InlineData("+91 98123 45678")]
    [InlineData("")]
    public void An_sms_to_a_number_that_is_not_E164_is_refused_with_the_format_to_use(string to)
    {
        var refused = Assert.Throws<NotificationRejectedException>(() => MessageLimits.Check(new OutgoingMessage(NotificationChannelKind.Sms, to, "hello")));

        Assert.Contains("E.164", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sms_over_the_providers_length_limit_is_refused_not_cut()
    {
        var refused = Assert.Throws<NotificationRejectedException>(() =>
            MessageLimits.Check(new OutgoingMessage(NotificationChannelKind.Sms, "+919812345678", new string('a', MessageLimits.MaxSmsCharacters + 1))));

        Assert.Contains($"{MessageLimits.MaxSmsCharacters + 1} characters", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_push_over_fcms_payload_limit_and_an_email_to_no_address_are_refused()
    {
        Assert.Throws<NotificationRejectedException>(() => MessageLimits.Check(new OutgoingMessage(NotificationChannelKind.Push, "token", new string('é', 2100))));
        Assert.Throws<NotificationRejectedException>(() => MessageLimits.Check(new OutgoingMessage(NotificationChannelKind.Email, "not an address", "hello")));
    }

    public static TheoryData<OutgoingMessage> Templates() =>
    [
        MessageTemplates.Otp("+919812345678", "123456", TimeSpan.FromMinutes(5)),
        MessageTemplates.SosAlert("+919812345678", "Asha", new Uri("https://hushryd.in/share/abc"), null),
        MessageTemplates.SosAlert("+919812345678", "a HushRyd traveller", LongestShareLink, LongestVehicle),
        SosMessages.Escalation("+919812345678", LongestAlert, 9),
        SosMessages.Closed("+919812345678", LongestAlert),
        SosMessages.Push("device-token", LongestAlert, LongestShareLink),
        SosMessages.DeskEmail("desk@hushryd.test", LongestAlert),
        MessageTemplates.TripShared("+919812345678", "Asha", new Uri("https://hushryd.in/share/abc")),
        MessageTemplates.BookingConfirmed("+919812345678", "Thiruvananthapuram", "Visakhapatnam", new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), 4),
    ];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_passes_the_checks_and_sms_templates_fit_in_two_segments(OutgoingMessage message)
    {
        MessageLimits.Check(message);

        Assert.True(message.Channel != NotificationChannelKind.Sms || message.Body.Length <= 306, $"{message.Body.Length} characters");

        // 306 characters are two segments only in GSM-7's basic set; one character outside it makes the text UCS-2 (67 a segment).
        Assert.True(message.Channel != NotificationChannelKind.Sms || message.Body.All(c => c is >= ' ' and <= '~' && !"`[]{}\\^~|".Contains(c, StringComparison.Ordinal)), message.Body);
    }

    /// <summary>The longest vehicle a driver can give: a three-letter series and make, model and colour at their limits.</summary>
    private static readonly TripVehicle LongestVehicle = new("KA 01 ABC 1234", new string('M', TripRules.MaxMakeModelLength), new string('C', TripRules.MaxColourLength));

    /// <summary>An alert with the longest id, no phone (the longer fallback name), full-precision coordinates and the longest vehicle.</summary>
    private static readonly SosAlert LongestAlert = new(
        "sos_" + Guid.CreateVersion7().ToString("N"), "usr_raiser", null, "k1", "trp_1", "usr_driver", -12.971612345678901, -177.594612345678901, null,
        DateTimeOffset.UnixEpoch, [], SosStatus.Active, 0, null, null, null, null, false, LongestVehicle);

    private static readonly Uri LongestShareLink = new("https://safety.hushryd.in/share/" + new string('t', ShareToken.Length));

    [Fact]
    public void The_sos_sms_names_the_car_after_the_traveller_or_says_it_was_not_given()
    {
        var link = new Uri("https://hushryd.in/share/abc");

        Assert.Contains("SOS from Asha on HushRyd. Car: KA 01 AB 1234, White Maruti Suzuki Swift. Follow", MessageTemplates.SosAlert("+919812345678", "Asha", link, new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White")).Body, StringComparison.Ordinal);
        Assert.Contains("Car: not given.", MessageTemplates.SosAlert("+919812345678", "Asha", link, null).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_otp_template_carries_the_code_and_its_lifetime()
    {
        var otp = MessageTemplates.Otp("+919812345678", "042917", TimeSpan.FromSeconds(290));

        Assert.Equal("042917 is your HushRyd login code. It expires in 5 minutes. Never share it with anyone.", otp.Body);
    }
}
