using System.Net;
using DurableTask.Core;
using HushRyd.Platform.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Runtime.Embedded.Workflows.Sidecar;

/// <summary>
/// The workflow sidecar inside the server: a loopback-only HTTP/2 Kestrel serving Microsoft's
/// <see cref="TaskHubGrpcServer"/> over <see cref="SqliteOrchestrationService"/>, so the real Dapr.Workflow
/// worker and client talk to it as they would to daprd. It starts before any other hosted service (so the
/// worker's first connection finds it) and stops after all of them (so the worker leaves first).
/// </summary>
public sealed class EmbeddedWorkflowSidecar(SqliteOrchestrationService store, IOptions<EmbeddedWorkflowOptions> options, ILoggerFactory loggerFactory)
    : IHostedLifecycleService, IAsyncDisposable
{
    private WebApplication? _host;

    public Uri Endpoint { get; } = new($"http://127.0.0.1:{options.Value.SidecarPort}");

    public bool IsServing => _host is not null;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var builder = NewHostBuilder(Endpoint.Port);
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(store);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(store);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var host = builder.Build();
        host.UseMiddleware<DaprWireCompatibilityMiddleware>();
        host.UseRouting();
        host.MapGrpcService<TaskHubGrpcServer>();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw new StartupException($"the workflow sidecar cannot listen on {Endpoint}: {ex.Message}; set {EmbeddedWorkflowOptions.SectionName}:{nameof(EmbeddedWorkflowOptions.SidecarPort)} to a free port.", ex);
        }

        _host = host;
    }

    /// <summary>
    /// Kestrel and routing, nothing else. A default builder would read appsettings files from the working directory
    /// and watch that directory, subdirectories included, for changes: under the default data directory (./data) that
    /// is every write of Garnet's log, SQLite and the outbox, each handled by the watcher's thread.
    /// </summary>
    internal static WebApplicationBuilder NewHostBuilder(int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRoutingCore();
        return builder;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_host is { } host)
        {
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
