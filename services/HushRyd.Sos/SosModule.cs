using Dapr.Workflow;
using HushRyd.Platform.Modules;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Trips;
using HushRyd.Runtime.Embedded;
using HushRyd.Runtime.Embedded.Workflows;
using HushRyd.Sos.Api;
using HushRyd.Sos.Raising;
using HushRyd.Sos.Running;
using HushRyd.Sos.Storage;
using HushRyd.Sos.Tracking;
using HushRyd.Workflows.Sos;
using HushRyd.Workflows.Sos.Alerts;
using HushRyd.Workflows.Sos.Notifying;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Sos;

/// <summary>
/// Seed §5: SOS alerts stored before anyone is told (Property 3), then notified, tracked and escalated by
/// <c>SosWorkflow</c> on the Dapr Workflow SDK: daprd under <c>--runtime dapr</c>, the embedded sidecar otherwise.
/// </summary>
public sealed class SosModule : IHushRydModule
{
    public string Name => "sos";

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SosOptions>()
            .Bind(builder.Configuration.GetSection(SosOptions.SectionName))
            .Validate(o => o.AcknowledgeTimeout > TimeSpan.Zero && o.TrackingLifetime > TimeSpan.Zero && o.RestartScanInterval > TimeSpan.Zero,
                "Sos:AcknowledgeTimeout, Sos:TrackingLifetime and Sos:RestartScanInterval must be positive, e.g. 00:02:00.")
            .Validate(o => o.MaxEscalations is >= 0 and <= 9, "Sos:MaxEscalations must be between 0 and 9.")
            .Validate(o => o.OnCall.TrueForAll(r => r.Phone.Length > 0), "Every Sos:OnCall entry needs a Phone.")
            .ValidateOnStart();
        if (builder.GetRuntimeKind() == RuntimeKind.Dapr)
        {
            services.AddMongoSosStore();
        }
        else
        {
            services.AddSqliteSosStore();
            builder.AddEmbeddedWorkflowSidecar(builder.GetEmbeddedDataDirectory());
        }

        services.AddDaprWorkflow(options => options.RegisterSos());
        builder.AddSosContacts();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRealtimeBroadcaster, RedisRealtimeBroadcaster>();
        services.AddHttpClient(SosNotifier.WebhookClient, client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<SosNotifier>();
        services.AddSingleton<RedisSosTracking>();
        services.AddSingleton<ISosTracking>(sp => sp.GetRequiredService<RedisSosTracking>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisSosTracking>());
        services.AddSingleton<ISosWorkflows, DaprSosWorkflows>();
        services.AddSingleton<SosRaiser>();
        services.AddSingleton<SosTransitions>();
        services.AddHostedService<SosWorkflowRestarter>();
        services.AddHostedService<SosWorkflowWarmUp>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSosEndpoints();
        endpoints.MapAdminSosEndpoints();
    }
}
