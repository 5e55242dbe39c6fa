using Dapr.Workflow;
using HushRyd.Runtime.Embedded.Workflows;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HushRyd.IntegrationTests.Workflows;

/// <summary>A process the way a module sets it up: the embedded sidecar plus the real Dapr.Workflow worker and client.</summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkflowTestHost(IHost host) => _host = host;

    public DaprWorkflowClient Client => _host.Services.GetRequiredService<DaprWorkflowClient>();

    public IServiceProvider Services => _host.Services;

    public static async Task<WorkflowTestHost> StartAsync(string dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("HUSHRYD_TEST_WORKFLOW_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug);
        }
        builder.AddEmbeddedWorkflowSidecar(dataDirectory);
        builder.Services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<AckOrTimerWorkflow>();
            options.RegisterWorkflow<OneActivityWorkflow>();
            options.RegisterActivity<RecordStepActivity>();
            options.RegisterActivity<IncrementActivity>();
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new WorkflowTestHost(host);
    }

    /// <summary>Waits until the workflow's checkpoint holds a durable timer, so the episode before it is committed.</summary>
    public async Task WaitUntilWaitingOnTimerAsync(string instanceId)
    {
        var store = _host.Services.GetRequiredService<SqliteOrchestrationService>();
        var waiting = await Eventually.HoldsAsync(
            async () => (await store.GetOrchestrationHistoryAsync(instanceId, null!)).Contains("TimerCreatedEvent", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(10));
        Xunit.Assert.True(waiting, $"workflow {instanceId} never reached its timer");
    }

    public static CancellationToken Within(double seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(Within(15));
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
