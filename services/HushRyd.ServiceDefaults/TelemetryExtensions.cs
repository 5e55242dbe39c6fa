using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HushRyd.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of HushRyd code all start with this prefix.</summary>
    public const string InstrumentationPrefix = "HushRyd";

    public static IHostApplicationBuilder AddHushRydTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(InstrumentationPrefix + ".*")
                .DropPerRequestDiagnostics()
                .AddPrometheusExporter());

        // Traces and OTel logs only when an operator configured a collector: without one, recording a span per
        // request costs CPU on the hot path and the exporter would retry into the void.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperationalPath(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource(InstrumentationPrefix + ".*"))
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// ASP.NET Core records these several times per request (each buffer rented, each route match, each authentication
    /// and authorization). Rate, errors and latency by route and status are already in http.server.request.duration,
    /// and 401/403 show there too; these cost a tag lookup each on the hot path for figures nobody alerts on.
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedInstruments =
    [
        "aspnetcore.memory_pool.rented",
        "aspnetcore.memory_pool.pooled",
        "aspnetcore.routing.match_attempts",
        "aspnetcore.authentication.authenticate.duration",
        "aspnetcore.authorization.attempts",
    ];

    private static MeterProviderBuilder DropPerRequestDiagnostics(this MeterProviderBuilder metrics)
    {
        foreach (var instrument in DroppedInstruments)
        {
            metrics.AddView(instrument, MetricStreamConfiguration.Drop);
        }

        return metrics;
    }

    private static bool IsOperationalPath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
