using HushRyd.Platform.Http;
using System.Net;
using HushRyd.Platform.Hosting;

namespace HushRyd.Server.Admin;

/// <summary>
/// The admin gateway's network isolation: requests to /admin from outside the allowed networks get 403
/// before any other middleware or endpoint runs.
/// </summary>
public static class AdminNetworkGuard
{
    public static IHostApplicationBuilder AddAdminNetworkGuard(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(AdminNetworkOptions.SectionName).Get<AdminNetworkOptions>()?.AllowedNetworks ?? [];
        var networks = (configured.Count > 0 ? configured : [.. AdminNetworkOptions.DefaultNetworks]).Select(Parse).ToArray();
        builder.Services.AddSingleton(new AllowedAdminNetworks(networks));
        return builder;
    }

    public static WebApplication UseAdminNetworkGuard(this WebApplication app)
    {
        var allowed = app.Services.GetRequiredService<AllowedAdminNetworks>();
        // Not an async lambda: the requests that pass, nearly all of them, go straight on without a state machine.
        app.Use(next => context =>
            context.Request.Path.StartsWithSegments(RoutePrefixes.Admin) && !allowed.Contains(context.Connection.RemoteIpAddress)
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Admin access is restricted",
                    detail: "The admin API answers only inside Admin:AllowedNetworks.").ExecuteAsync(context)
                : next(context));
        return app;
    }

    private static IPNetwork Parse(string cidr) =>
        IPNetwork.TryParse(cidr, out var network)
            ? network
            : throw new StartupException($"Admin:AllowedNetworks entry '{cidr}' is not a CIDR range; use e.g. 10.0.0.0/8 or ::1/128.");
}
