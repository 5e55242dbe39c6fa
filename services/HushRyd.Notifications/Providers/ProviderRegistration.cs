using HushRyd.Platform.Hosting;
using HushRyd.Platform.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HushRyd.Notifications.Providers;

public static class ProviderRegistration
{
    public const string OutboxLatencyKey = "Notifications:OutboxLatency";
    public const string WebhookUrlKey = "Notifications:Webhook:Url";

    /// <summary>
    /// Embedded: the dev outbox (or, with <see cref="WebhookUrlKey"/> set, a webhook) stands in for every provider under its
    /// name, failing the configured share of sends.
    /// </summary>
    public static IServiceCollection AddOutboxProviders(this IServiceCollection services, IConfiguration configuration)
    {
        var shares = configuration.GetSection(ProviderFaultsOptions.SectionName).Get<ProviderFaultsOptions>() ?? [];
        var latency = configuration.GetValue<TimeSpan?>(OutboxLatencyKey) ?? TimeSpan.Zero;
        services.AddSingleton(_ =>
        {
            var faults = new ProviderFaults { Latency = latency };
            foreach (var (provider, share) in shares)
            {
                faults.Set(provider, share);
            }

            return faults;
        });
        var webhook = configuration[WebhookUrlKey];
        if (!string.IsNullOrWhiteSpace(webhook))
        {
            if (!Uri.TryCreate(webhook, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new StartupException($"{WebhookUrlKey} '{webhook}' is not an http(s) URL; set e.g. http://localhost:9099/hook, or leave it empty for the dev outbox.");
            }

            services.AddHttpClient(nameof(WebhookProvider));
            foreach (var route in ProviderNames.Routes)
            {
                services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<WebhookProvider>(
                    sp, route, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookProvider)), url));
            }

            return services;
        }

        foreach (var route in ProviderNames.Routes)
        {
            services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<OutboxProvider>(sp, route));
        }

        return services;
    }

    /// <summary>Under <c>--runtime dapr</c>: every provider is the Dapr output binding of its name in components/.</summary>
    public static IServiceCollection AddDaprBindingProviders(this IServiceCollection services)
    {
        services.TryAddSingleton<ProviderFaults>();
        foreach (var route in ProviderNames.Routes)
        {
            services.AddSingleton<INotificationChannel>(sp => ActivatorUtilities.CreateInstance<DaprBindingProvider>(sp, route));
        }

        return services;
    }
}
