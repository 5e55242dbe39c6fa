using HushRyd.Platform.Identity;
using System.Net;
using System.Security.Claims;
using HushRyd.Gateway.Identity;
using HushRyd.Gateway.RateLimiting;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Redis;
using HushRyd.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HushRyd.IntegrationTests.RateLimiting;

/// <summary>
/// A minimal in-process app on embedded Garnet: a stand-in for authentication that trusts X-Test-* headers, the
/// rate limiting middleware, and endpoints that count how often they were reached.
/// </summary>
public sealed class RateLimitedApp : IAsyncLifetime
{
    public const int Default = 3;
    public const int Authenticated = 5;
    public const int Premium = 8;
    public const int Sos = 4;

    private TestRedis _redis = null!;
    private WebApplication _app = null!;
    private int _endpointCalls;

    public HttpClient Client { get; private set; } = null!;

    public ManualTimeProvider Clock { get; } = new();

    public int EndpointCalls => Volatile.Read(ref _endpointCalls);

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync(RedisBackend.Garnet);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:Default"] = $"{Default}",
            ["RateLimits:Authenticated"] = $"{Authenticated}",
            ["RateLimits:Premium"] = $"{Premium}",
            ["RateLimits:Sos"] = $"{Sos}",

            // A loaded CI machine must not turn a slow answer into a local one: these tests count on Redis.
            ["RateLimits:Redis:Timeout"] = "00:00:02",
        });
        builder.Services.AddSingleton<IRedisConnection>(new SwitchableRedisConnection(_redis.Multiplexer));
        builder.Services.AddHushRydRateLimiting(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        _app = builder.Build();

        _app.Use(AuthenticateFromTestHeaders);
        _app.UseHushRydRateLimiting();
        _app.MapGet("/api/v1/trips", Reached);
        _app.MapPost("/api/v1/sos", Reached);
        _app.MapPost("/api/v1/sos/{alertId}/location", (string alertId) => Reached());
        _app.MapGet("/share/{token}/status", (string token) => Reached());
        _app.MapGet("/health", Reached);
        _app.MapGet("/dapr/subscribe", Reached);
        await _app.Services.RunStartupTasksAsync(CancellationToken.None);
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    private IResult Reached()
    {
        Interlocked.Increment(ref _endpointCalls);
        return Results.Ok();
    }

    private static Task AuthenticateFromTestHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Request.Headers;
        if (headers.TryGetValue("X-Test-Ip", out var ip))
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
        }

        if (headers.TryGetValue("X-Test-Sub", out var sub))
        {
            var claims = new List<Claim> { new(HushRydClaims.Subject, sub.ToString()) };
            claims.AddRange(headers["X-Test-Kind"].Select(kind => new Claim(HushRydClaims.Kind, kind!)));
            claims.AddRange(headers["X-Test-Tier"].Select(tier => new Claim(HushRydClaims.Tier, tier!)));
            context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        }

        return next(context);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
