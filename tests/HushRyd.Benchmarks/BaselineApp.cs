using HushRyd.ServiceDefaults;
using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>The same route as the pipeline's, served without the gateway pipeline in front of it, in this process.</summary>
public sealed class BaselineApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BaselineApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Plain Kestrel: no logging, metrics, error handling or anything else.</summary>
    public static Task<BaselineApp> PlainKestrelAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        return StartAsync(builder, _ => { });
    }

    /// <summary>
    /// What every HushRyd process has whatever its modules (metrics, problem details, exception handling, health),
    /// logging as the server does: the difference from the server is exactly the gateway's authentication, admin guards, rate limiting and authorization.
    /// </summary>
    public static Task<BaselineApp> ServiceHostAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.AddServiceDefaults("hushryd-baseline");
        return StartAsync(builder, app =>
        {
            app.UseServiceDefaults();
            app.MapDefaultEndpoints();
        });
    }

    private static async Task<BaselineApp> StartAsync(WebApplicationBuilder builder, Action<WebApplication> configure)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        builder.WebHost.UseUrls(baseAddress.ToString());
        var app = builder.Build();
        configure(app);
        app.MapGet("/api/v1/auth/whoami", () => TypedResults.Ok(new { kind = "user", id = "usr_bench", tier = "authenticated", roles = new[] { "passenger" } }));
        await app.StartAsync();
        return new BaselineApp(app, baseAddress);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
