using HushRyd.Testing;

namespace HushRyd.Benchmarks;

/// <summary>The baseline: the same route on plain Kestrel with nothing in front of it.</summary>
public sealed class BareApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareApp> StartAsync()
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseAddress.ToString());
        var app = builder.Build();
        app.MapGet("/api/v1/auth/whoami", () => TypedResults.Ok(new { kind = "user", id = "usr_bench", tier = "authenticated", roles = new[] { "passenger" } }));
        await app.StartAsync();
        return new BareApp(app, baseAddress);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
