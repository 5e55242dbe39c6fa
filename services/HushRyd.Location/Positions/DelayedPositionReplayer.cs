using HushRyd.Location.History;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HushRyd.Location.Positions;

/// <summary>
/// Replays buffered positions into Redis, oldest fix first, once Redis answers: after an outage, and at start-up for
/// whatever a previous process left buffered. Replaying is idempotent (newest fix wins), so instances sharing the
/// record store may replay the same rows.
/// </summary>
public sealed partial class DelayedPositionReplayer(
    IDelayedPositions delayed,
    RedisPositions positions,
    IRedisConnection redis,
    RedisOutage outage,
    IOptions<LocationOptions> options,
    TimeProvider time,
    ILogger<DelayedPositionReplayer> logger) : BackgroundService
{
    private const int ReplayBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leftFromBefore = true;
        using var timer = new PeriodicTimer(options.Value.ReplayProbeInterval, time);
        do
        {
            if (!outage.IsActive && !leftFromBefore)
            {
                continue;
            }

            try
            {
                await redis.Multiplexer.GetDatabase().PingAsync();

                // Ending the outage first sends new positions to Redis again; draining after it catches every row
                // buffered before, and the newest-wins script keeps the order right whichever lands first.
                outage.End();
                var replayed = await DrainAsync(stoppingToken);
                leftFromBefore = false;
                if (replayed > 0)
                {
                    LogReplayed(logger, replayed);
                }
            }
            catch (Exception ex) when (RedisOutage.IsOutage(ex))
            {
                outage.Begin();
                LogStillAway(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        while (true)
        {
            var oldest = await delayed.OldestAsync(ReplayBatch, cancellationToken);
            if (oldest.Count == 0)
            {
                return replayed;
            }

            await positions.WriteAsync([.. oldest.Select(d => d.Update)]);
            await delayed.RemoveAsync([.. oldest.Select(d => d.Id)], cancellationToken);
            replayed += oldest.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis is still unreachable: {Reason}")]
    private static partial void LogStillAway(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: replayed {Count} buffered positions in timestamp order")]
    private static partial void LogReplayed(ILogger logger, int count);
}
