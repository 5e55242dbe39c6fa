using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HushRyd.Runtime.Embedded.State;

/// <summary>Reclaims the space of expired state entries once a minute.</summary>
public sealed class StateExpirySweeper(SqliteStateStore store, TimeProvider time, ILogger<StateExpirySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var purged = await store.PurgeExpiredAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogDebug("Purged {Count} expired state entries", purged);
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                logger.LogWarning(ex, "Purging expired state failed; trying again next minute");
            }
        }
    }
}
