using HushRyd.Notifications.Api;
using HushRyd.Notifications.Forwarding;
using HushRyd.Notifications.Jobs;
using HushRyd.Notifications.Providers;
using HushRyd.Notifications.Storage;
using HushRyd.Platform.Events;
using HushRyd.Platform.Modules;
using HushRyd.Platform.Notifications;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Notifications;

/// <summary>Seed §4: SMS, email and push jobs on priority queues, retried, sent through providers with fallback behind circuit breakers.</summary>
public sealed class NotificationsModule : IHushRydModule
{
    public string Name => "notifications";

    public void AddServices(IHostApplicationBuilder builder)
    {
        AddJobEngine(builder);
        builder.Services.AddEventSubscription<NotificationRequested, NotificationRequestedHandler>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapQueueEndpoints();
        endpoints.MapFailInjectionEndpoints();
    }

    /// <summary>
    /// For a process without this module. Under <c>--runtime dapr</c> jobs reach the module's own process through pub/sub;
    /// embedded there is no other process to reach, so this one runs the job engine itself, without the admin API.
    /// </summary>
    public static void AddSendingWithoutModule(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.GetRuntimeKind() == RuntimeKind.Dapr)
        {
            builder.Services.TryAddSingleton<INotificationQueue, ForwardingNotificationQueue>();
        }
        else
        {
            AddJobEngine(builder);
        }
    }

    private static void AddJobEngine(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<NotificationQueueOptions>(builder.Configuration.GetSection(NotificationQueueOptions.SectionName));
        services.Configure<ProviderOptions>(builder.Configuration.GetSection(ProviderOptions.SectionName));
        if (builder.GetRuntimeKind() == RuntimeKind.Dapr)
        {
            services.AddRedisJobStore();
            services.AddDaprBindingProviders();
        }
        else
        {
            services.AddSqliteJobStore();
            services.AddOutboxProviders(builder.Configuration);
        }

        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<QueueSignals>();
        services.AddSingleton<ProviderChain>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<INotificationQueue>(sp => sp.GetRequiredService<JobQueue>());
        services.AddSingleton<QueueStatistics>();
        services.AddHostedService<NotificationWorkers>();
    }
}
