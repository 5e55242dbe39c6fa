using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Location.Drivers;

/// <summary>Sweeps silent drivers out of <c>active-drivers</c> a few times per staleness period; every instance may run it.</summary>
public sealed partial class StaleDriverSweeper(ActiveDrivers drivers, IOptions<LocationOptions> options, TimeProvider time, ILogger<StaleDriverSweeper> logger)
    : BackgroundService
{
    private const int SweepLimit = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DriverStaleAfter / 4, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await drivers.SweepAsync(SweepLimit) == SweepLimit)
                {
                }
            }
            catch (Exception ex) when (ex is RedisException or InvalidOperationException)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping stale drivers failed; the next tick tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
