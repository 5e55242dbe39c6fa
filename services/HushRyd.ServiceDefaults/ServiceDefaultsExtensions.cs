using HushRyd.Platform.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace HushRyd.ServiceDefaults;

/// <summary>What every HushRyd process has, whatever its target: telemetry, health, problem details, API docs.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>API bodies are small JSON documents; anything larger is refused with 413 before it is read.</summary>
    public const long DefaultMaxRequestBodyBytes = 256 * 1024;

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHushRydTelemetry(serviceName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck(HealthEndpoints.SelfCheckName, () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), [HealthTags.Live]);
        builder.Services.AddHushRydProblemDetails();
        builder.Services.AddOpenApi();

        // Binding failures throw, so the exception handler turns them into problem+json naming the field.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        var maxBody = builder.Configuration.GetValue<long?>("HushRyd:MaxRequestBodyBytes") ?? DefaultMaxRequestBodyBytes;
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>Error handling first, so every later failure becomes problem+json.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("HushRyd API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapGet("/", () => TypedResults.Redirect("/docs")).ExcludeFromDescription();
        return app;
    }
}
