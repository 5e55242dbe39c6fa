using HushRyd.Trips.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HushRyd.Trips.Sharing;

public static class ShareRegistration
{
    public static IServiceCollection AddShareLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShareOptions>()
            .Bind(configuration.GetSection(ShareOptions.SectionName))
            .Validate(
                o => string.IsNullOrWhiteSpace(o.PublicBaseUrl)
                    || (Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)),
                "Trips:PublicBaseUrl must be an absolute http(s) URL such as https://hushryd.in, or empty.")
            .Validate(o => o.LinkLifetime > TimeSpan.Zero, "Trips:LinkLifetime must be positive, e.g. 1.00:00:00.")
            .ValidateOnStart();
        services.AddSingleton<ShareLinkService>();
        services.AddSingleton<ILivePositions, RedisLivePositions>();
        return services;
    }
}
