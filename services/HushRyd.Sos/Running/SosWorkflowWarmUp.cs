using System.Diagnostics;
using Dapr.Workflow;
using HushRyd.Workflows.Sos.WarmUp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HushRyd.Sos.Running;

/// <summary>
/// Once the process serves, runs <see cref="WarmUpWorkflow"/> to completion and purges it, so the first rider to raise
/// an SOS after a deploy or restart is not the one who pays for the workflow path's first connection and compilation.
/// Best effort: a runtime that is not up yet only leaves the first SOS slower, and the re-starter still covers it.
/// </summary>
public sealed partial class SosWorkflowWarmUp(DaprWorkflowClient client, IHostApplicationLifetime lifetime, ILogger<SosWorkflowWarmUp> logger) : BackgroundService
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            bounded.CancelAfter(Bound);
            var id = $"warm-up-{Guid.NewGuid():N}";
            var started = Stopwatch.GetTimestamp();
            await client.ScheduleNewWorkflowAsync(nameof(WarmUpWorkflow), id, id, null, bounded.Token);
            var state = await client.WaitForWorkflowCompletionAsync(id, false, bounded.Token);
            LogWarm(logger, state.RuntimeStatus, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await client.PurgeInstanceAsync(id, bounded.Token);
        }
#pragma warning disable CA1031 // Nothing here may stop the host: the warm-up only saves the first SOS some time.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex);
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SOS workflow path warmed up: the warm-up workflow ended {Status} after {Milliseconds:F0} ms")]
    private static partial void LogWarm(ILogger logger, WorkflowRuntimeStatus status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the SOS workflow path failed; the first SOS will pay for it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
