using HushRyd.Workflows.Sos;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Sos.Running;

/// <summary>
/// No alert is lost: an alert stored while the workflow runtime was down (or whose process died between the commit and
/// the start) has no confirmed workflow; this finds it and starts it. Starting twice is harmless: the instance id is the alert id.
/// </summary>
public sealed partial class SosWorkflowRestarter(ISosAlertStore alerts, ISosWorkflows workflows, IOptions<SosOptions> options, TimeProvider time, ILogger<SosWorkflowRestarter> logger) : BackgroundService
{
    /// <summary>Younger alerts are left to the request that is starting them.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RestartScanInterval, time);
        do
        {
            try
            {
                await RestartMissingAsync(stoppingToken);
            }
#pragma warning disable CA1031 // The store or the runtime being down now must not end the loop that recovers from exactly that.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogScanFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RestartMissingAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var alert in await alerts.WithoutWorkflowAsync(time.GetUtcNow() - Grace, 100, cancellationToken))
        {
            if (await workflows.ExistsAsync(alert.Id, cancellationToken) || await workflows.TryStartAsync(alert, cancellationToken))
            {
                started++;
            }
        }

        return started;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for SOS alerts without a workflow failed; retrying at the next scan")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
