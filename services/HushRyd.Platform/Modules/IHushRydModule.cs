using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace HushRyd.Platform.Modules;

/// <summary>A deployable slice of the server, selected with <c>--target</c>.</summary>
public interface IHushRydModule
{
    /// <summary>The name used with <c>--target</c> and in Dapr app ids (<c>hushryd-{name}</c>).</summary>
    string Name { get; }

    void AddServices(IHostApplicationBuilder builder);

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
