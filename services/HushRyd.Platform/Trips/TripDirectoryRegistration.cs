using HushRyd.Platform.Hosting;
using HushRyd.Platform.Identity;
using HushRyd.Platform.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Platform.Trips;

public static class TripDirectoryRegistration
{
    /// <summary>
    /// For modules that need <see cref="ITripDirectory"/>: nothing to do when Trips runs in this process (it registered
    /// its own); otherwise Trips is asked over HTTP at <c>Modules:Trips</c> with the internal token.
    /// </summary>
    public static void AddTripDirectory(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(ITripDirectory)))
        {
            return;
        }

        var address = builder.Configuration[$"{ModuleAddressOptions.SectionName}:{nameof(ModuleAddressOptions.Trips)}"];
        if (!Uri.TryCreate(address?.TrimEnd('/') + "/internal/v1/", UriKind.Absolute, out var baseAddress) || string.IsNullOrWhiteSpace(address))
        {
            throw new StartupException(
                "this target needs the Trips module: run it in the same process (--target trips,...) or set Modules:Trips (environment: Modules__Trips) to its URL, e.g. http://localhost:3500/v1.0/invoke/hushryd-trips/method.");
        }

        var token = builder.Configuration[$"{InternalCallOptions.SectionName}:{nameof(InternalCallOptions.Token)}"] ?? string.Empty;
        builder.Services.AddHttpClient(HttpTripDirectory.ClientName, client =>
        {
            client.BaseAddress = baseAddress;
            client.Timeout = TimeSpan.FromSeconds(5);
            client.DefaultRequestHeaders.Add(PrincipalHeaders.InternalToken, token);
        });
        builder.Services.AddSingleton<ITripDirectory>(sp => new HttpTripDirectory(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpTripDirectory.ClientName)));
    }

    /// <summary>For modules that need <see cref="ISosContacts"/>: Trips in this process registered its own; otherwise asked as <see cref="AddTripDirectory"/> does.</summary>
    public static void AddSosContacts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddTripDirectory();
        if (builder.Services.Any(d => d.ServiceType == typeof(ISosContacts)))
        {
            return;
        }

        builder.Services.AddSingleton<ISosContacts>(sp => new HttpSosContacts(sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpTripDirectory.ClientName)));
    }
}
