using HushRyd.Gateway;
using HushRyd.Notifications;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Modules;
using HushRyd.Runtime.Dapr;
using HushRyd.Runtime.Dapr.Events;
using HushRyd.Runtime.Embedded;
using HushRyd.Server.Admin;
using HushRyd.Server.Diagnostics;
using HushRyd.ServiceDefaults;

namespace HushRyd.Server.Hosting;

/// <summary>Composes the server for its settings: defaults, runtime, the selected modules, operations endpoints.</summary>
public static class ServerApplication
{
    public static WebApplication Build(IDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = overrides.TryGetValue("contentRoot", out var contentRoot) ? contentRoot : AppContext.BaseDirectory,
            EnvironmentName = overrides.TryGetValue("environment", out var environment) ? environment : null,
            ApplicationName = typeof(ServerApplication).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(overrides);

        // Start-up failures are reported in one line by the entry point; the host's own report would add a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var options = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var settings = ServerSettingsValidator.Validate(options, ModuleCatalog.All);
        builder.Services.AddSingleton(settings);
        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.AddUpgradeLimit();

        builder.SetRuntimeKind(settings.Runtime);
        builder.Services.AddHostedService<StartupTaskRunner>();
        builder.AddServiceDefaults(settings.ServiceName);
        if (settings.Runtime == RuntimeKind.Dapr)
        {
            builder.AddDaprRuntime();
        }
        else
        {
            builder.AddEmbeddedRuntime(settings.DataDirectory);
        }

        builder.AddAdminNetworkGuard();
        builder.AddDevOutbox(settings.DataDirectory);
        builder.Services.AddDiagnosticProbes();
        foreach (var module in settings.Modules)
        {
            module.AddServices(builder);
        }

        if (!settings.Modules.Any(m => m is NotificationsModule))
        {
            NotificationsModule.AddSendingWithoutModule(builder);
        }

        var behindRemoteGateway = !settings.Modules.Any(m => m is GatewayModule);
        if (behindRemoteGateway)
        {
            builder.AddForwardedPrincipal();
        }

        builder.Services.UseSingletonAuthorizationServices();
        var app = builder.Build();
        app.UseServiceDefaults();
        app.UseUpgradeLimit();
        app.UseAdminNetworkGuard();
        if (settings.Runtime == RuntimeKind.Dapr)
        {
            app.UseDaprRuntime();
            app.MapDaprEventSubscriptions();
        }

        if (behindRemoteGateway)
        {
            app.UseForwardedPrincipal();
        }

        foreach (var module in settings.Modules)
        {
            module.ConfigurePipeline(app);
        }

        app.MapDefaultEndpoints();
        app.MapDiagnosticProbes();
        app.MapOutbox();
        foreach (var module in settings.Modules)
        {
            module.MapEndpoints(app);
        }

        return app;
    }
}
