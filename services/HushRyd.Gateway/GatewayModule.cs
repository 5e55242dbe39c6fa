using HushRyd.Platform.Identity;
using HushRyd.Gateway.ApiKeys;
using HushRyd.Gateway.Identity;
using HushRyd.Gateway.RateLimiting;
using HushRyd.Gateway.Routing;
using HushRyd.Gateway.Users;
using HushRyd.Platform.Hosting;
using HushRyd.Platform.Modules;
using HushRyd.Runtime.Dapr.Mongo;
using HushRyd.Runtime.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Gateway;

/// <summary>Seed §1: identity (OTP, JWT, API keys), tiered rate limits and admin isolation.</summary>
public sealed class GatewayModule : IHushRydModule
{
    public const string AdminPolicy = "admin";

    public string Name => "gateway";

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.SectionName));
        if (builder.GetRuntimeKind() == RuntimeKind.Dapr)
        {
            services.AddSingleton<MongoUserRepository>();
            services.AddSingleton<IUserRepository>(sp => sp.GetRequiredService<MongoUserRepository>());
            services.AddSingleton<IMongoIndexBootstrapper>(sp => sp.GetRequiredService<MongoUserRepository>());
        }
        else
        {
            services.AddSqliteMigration(SqliteUserRepository.CreateUsers);
            services.AddSingleton<IUserRepository, SqliteUserRepository>();
        }

        services.AddStartupTask<SigningKeyRing>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<SessionChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionChangeFeed>());
        services.AddSingleton<SessionStore>();
        services.AddSingleton<OtpService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<CallerAuthenticator>();
        services.AddAuthentication(CallerAuthenticator.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HushRydAuthenticationHandler>(CallerAuthenticator.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));
        services.AddGatewayProxy(builder.Configuration);
        services.AddHushRydRateLimiting(builder.Configuration);
    }

    public void ConfigurePipeline(WebApplication app)
    {
        app.UseCallerAuthentication();
        app.UseAdminRoleGuard();
        app.UseHushRydRateLimiting();
        app.UseAuthorization();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAuthEndpoints();
        endpoints.MapGatewayAdminEndpoints();
        endpoints.MapGatewayProxy();
    }
}
