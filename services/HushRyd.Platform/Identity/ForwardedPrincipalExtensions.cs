using HushRyd.Platform.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Platform.Identity;

public static class ForwardedPrincipalExtensions
{
    /// <summary>For processes that run modules without the gateway: callers are who the gateway says they are.</summary>
    public static void AddForwardedPrincipal(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(InternalCallOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(InternalCallOptions.Token)]))
        {
            throw new StartupException(
                "modules running without the gateway need Internal:Token (environment: Internal__Token), the secret the gateway forwards requests with.");
        }

        builder.Services.Configure<InternalCallOptions>(section);
        builder.Services.AddAuthentication(ForwardedPrincipalHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ForwardedPrincipalHandler>(ForwardedPrincipalHandler.SchemeName, null);
        builder.Services.AddAuthorization();
    }

    public static void UseForwardedPrincipal(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
    }
}
