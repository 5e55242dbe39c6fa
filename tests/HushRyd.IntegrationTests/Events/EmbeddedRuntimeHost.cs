using Microsoft.Extensions.Configuration;
using HushRyd.Runtime.Embedded;
using HushRyd.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.Events;

/// <summary>The embedded runtime in a generic host, as the server composes it, with test subscriptions added.</summary>
public static class EmbeddedRuntimeHost
{
    public static async Task<IHost> StartAsync(string dataDirectory, Action<IServiceCollection> configure, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventBus:InitialBackoff"] = "00:00:00.010",
            ["EventBus:MaxBackoff"] = "00:00:00.050",
            ["EventBus:PollInterval"] = "00:00:00.050",
            ["Redis:EmbeddedMemory"] = "64m",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddHostedService<StartupTaskRunner>();
        builder.AddEmbeddedRuntime(dataDirectory);
        configure(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
