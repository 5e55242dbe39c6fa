using HushRyd.Admin.Desk;
using HushRyd.Platform.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Admin;

/// <summary>
/// The seed's Admin Service: the safety desk's web dashboard under <c>/admin/</c> (SOS desk and operations), a static
/// page that reads the admin API of the other modules. The gateway's network allow-list and admin role guard it.
/// </summary>
public sealed class AdminModule : IHushRydModule
{
    public string Name => "admin";

    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(DeskAssets.Load());
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDeskPages();
        endpoints.MapDeskSession();
    }
}
