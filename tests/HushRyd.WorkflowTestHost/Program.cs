using System.Globalization;
using Dapr.Workflow;
using HushRyd.Runtime.Embedded.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HushRyd.WorkflowTestHost;

/// <summary>
/// A server-shaped child process for the SIGKILL test: the embedded sidecar and the real Dapr worker on a data
/// directory. Arguments: &lt;data-dir&gt; [&lt;workflows to start&gt; &lt;timer ms&gt; [&lt;store operation&gt;]]. Prints READY once
/// it serves. With a store operation named, the process SIGKILLs itself right after the first commit of that operation.
/// </summary>
public static class WorkflowTestHostProgram
{
    public const string Ready = "READY";

    public static async Task Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var dataDirectory = args[0];
        var toStart = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
        var timerMilliseconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        StepLog.Path = Path.Combine(dataDirectory, StepLog.FileName);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        }).SetMinimumLevel(Environment.GetEnvironmentVariable("HUSHRYD_TEST_WORKFLOW_LOGS") == "1" ? LogLevel.Debug : LogLevel.Warning);
        builder.AddEmbeddedWorkflowSidecar(dataDirectory);
        builder.Services.AddDaprWorkflow(options =>
        {
            options.RegisterWorkflow<EscalationWorkflow>();
            options.RegisterActivity<LoggedStepActivity>();
        });
        using var host = builder.Build();
        if (args.Length > 3)
        {
            var killAfter = args[3];
            host.Services.GetRequiredService<SqliteOrchestrationService>().AfterCommit = operation =>
            {
                if (operation == killAfter)
                {
                    using var self = System.Diagnostics.Process.GetCurrentProcess();
                    self.Kill();
                }
            };
        }

        await host.StartAsync();
        var client = host.Services.GetRequiredService<DaprWorkflowClient>();
        for (var i = 0; i < toStart; i++)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await client.ScheduleNewWorkflowAsync(nameof(EscalationWorkflow), $"sos-{i}", timerMilliseconds, null, timeout.Token);
        }

        Console.WriteLine(Ready);
        await host.WaitForShutdownAsync();
    }
}
