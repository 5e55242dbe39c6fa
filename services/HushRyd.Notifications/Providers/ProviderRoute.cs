using HushRyd.Platform.Notifications;

namespace HushRyd.Notifications.Providers;

/// <summary>A provider's place: its channel, whether it stands in for the primary, and its Dapr output binding.</summary>
public sealed record ProviderRoute(string Provider, NotificationChannelKind Channel, bool IsFallback, string Binding);
