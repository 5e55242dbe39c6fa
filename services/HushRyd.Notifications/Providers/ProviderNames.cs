using HushRyd.Platform.Notifications;
using HushRyd.Runtime.Dapr;

namespace HushRyd.Notifications.Providers;

/// <summary>The seed's providers, primary before fallback for each channel.</summary>
public static class ProviderNames
{
    public const string Twilio = "twilio";
    public const string Msg91 = "msg91";
    public const string SendGrid = "sendgrid";
    public const string Mailgun = "mailgun";
    public const string Fcm = "fcm";

    public static IReadOnlyList<ProviderRoute> Routes { get; } =
    [
        new(Twilio, NotificationChannelKind.Sms, false, DaprComponentNames.Sms),
        new(Msg91, NotificationChannelKind.Sms, true, DaprComponentNames.SmsFallback),
        new(SendGrid, NotificationChannelKind.Email, false, DaprComponentNames.Email),
        new(Mailgun, NotificationChannelKind.Email, true, DaprComponentNames.EmailFallback),
        new(Fcm, NotificationChannelKind.Push, false, DaprComponentNames.Push),
    ];

    public static ProviderRoute? Find(string provider) =>
        Routes.FirstOrDefault(route => string.Equals(route.Provider, provider, StringComparison.OrdinalIgnoreCase));
}
