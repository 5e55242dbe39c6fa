using HushRyd.Platform.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HushRyd.Notifications.Providers;

public static class ProviderRegistration
{
    public const string OutboxLatencyKey = "Notifications:OutboxLatency";

    /// <summary>Embedded: the dev outbox stands in for every provider under its name, failing the configured share of sends.</summary>
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
