using HushRyd.Platform.Hosting;
using HushRyd.Runtime.Embedded.Workflows.Sidecar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Runtime.Embedded.Workflows;

public static class EmbeddedWorkflowSidecarExtensions
{
    /// <summary>The key Dapr's SDK reads its sidecar address from (configuration first, then the environment).</summary>
    public const string DaprGrpcEndpointKey = "DAPR_GRPC_ENDPOINT";

    /// <summary>
    /// Hosts the workflow sidecar in this process on <c>&lt;dataDirectory&gt;/workflows.db</c> and points the
    /// Dapr.Workflow worker and <c>DaprWorkflowClient</c> at it. A module calls this beside its own
    /// <c>AddDaprWorkflow(...)</c> and uses the SDK exactly as under daprd.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddedWorkflowSidecar(this IHostApplicationBuilder builder, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(EmbeddedWorkflowSidecar)))
        {
            return builder;
        }

        var section = builder.Configuration.GetSection(EmbeddedWorkflowOptions.SectionName);
        var configuredPort = section.GetValue<int>(nameof(EmbeddedWorkflowOptions.SidecarPort));
        var port = configuredPort > 0 ? configuredPort : LoopbackPort.Free();
        builder.Configuration[DaprGrpcEndpointKey] = $"http://127.0.0.1:{port}";

        services.Configure<EmbeddedWorkflowOptions>(section);
        services.PostConfigure<EmbeddedWorkflowOptions>(options =>
        {
            options.DataDirectory = dataDirectory;
            options.SidecarPort = port;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmbeddedWorkflowOptions>>().Value;
            return new SqliteOrchestrationService(
                options.DataDirectory,
                sp.GetRequiredService<ILogger<SqliteOrchestrationService>>(),
                sp.GetRequiredService<TimeProvider>(),
                options.MaxConcurrentWorkItems);
        });
        services.AddSingleton<EmbeddedWorkflowSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedWorkflowSidecar>());
        services.AddHealthChecks().AddCheck<EmbeddedWorkflowSidecarHealthCheck>("workflow-sidecar", tags: [HealthTags.Ready]);
        return builder;
    }
}
