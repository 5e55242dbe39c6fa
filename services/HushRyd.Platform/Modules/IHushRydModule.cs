using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Platform.Modules;

/// <summary>A deployable slice of the server, selected with <c>--target</c>.</summary>
public interface IHushRydModule
{
    /// <summary>The name used with <c>--target</c> and in Dapr app ids (<c>hushryd-{name}</c>).</summary>
    string Name { get; }

    void AddServices(IHostApplicationBuilder builder);

    /// <summary>Middleware the module needs before endpoints run (authentication, limits); most modules need none.</summary>
    void ConfigurePipeline(WebApplication app)
    {
    }

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
