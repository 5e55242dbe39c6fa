using HushRyd.Notifications;
using HushRyd.Platform.Hosting;
using HushRyd.Runtime.Embedded.Sqlite;
using HushRyd.Server.Admin;
using HushRyd.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HushRyd.IntegrationTests.Notifications;

/// <summary>The notifications module as the server composes it in embedded mode (SQLite jobs, the dev outbox as every provider), with short test figures.</summary>
public static class NotificationHost
{
    public static async Task<IHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Queues:InitialBackoff"] = "00:00:00.005",
            ["Notifications:Queues:MaxBackoff"] = "00:00:00.020",
            ["Notifications:Queues:IdleWait"] = "00:00:01",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // The embedded runtime's SQLite database, without the rest of the runtime (Garnet, the event bus).
        builder.Services.AddHostedService<StartupTaskRunner>();
        builder.Services.AddStartupTask<SqliteDatabase>();
        builder.Services.AddSingleton<SqliteWriter>();
        builder.AddDevOutbox(dataDirectory);
        new NotificationsModule().AddServices(builder);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
