using HushRyd.Location.History;
using Microsoft.Extensions.Logging;

namespace HushRyd.Location.Positions;

/// <summary>
/// Records accepted positions: into Redis when it answers (newest fix wins, published for realtime), else into the
/// record store's buffer for replay; every accepted fix also goes to history. Reads fall back to the last persisted
/// point, marked stale, when Redis cannot answer.
/// </summary>
public sealed partial class PositionService(
    RedisPositions redis,
    IDelayedPositions delayed,
    ILocationHistory history,
    HistoryWriter historyWriter,
    RedisOutage outage,
    LocationMetrics metrics,
    ILogger<PositionService> logger)
{
    public async Task<WriteOutcome> RecordAsync(PositionUpdate update, CancellationToken cancellationToken)
    {
        var outcome = WriteOutcome.Buffered;
        if (!outage.IsActive)
        {
            try
            {
                outcome = await redis.WriteAsync(update);
            }
            catch (Exception ex) when (RedisOutage.IsOutage(ex))
            {
                BeginOutage(ex);
            }
        }

        if (outcome == WriteOutcome.Buffered)
        {
            await delayed.AddAsync([update], cancellationToken);
        }

        metrics.Recorded(outcome);
        await historyWriter.EnqueueAsync(update, cancellationToken);
        return outcome;
    }

    public async Task<IReadOnlyList<WriteOutcome>> RecordAsync(IReadOnlyList<PositionUpdate> updates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        WriteOutcome[]? outcomes = null;
        if (!outage.IsActive)
        {
            try
            {
                outcomes = await redis.WriteAsync(updates);
            }
            catch (Exception ex) when (RedisOutage.IsOutage(ex))
            {
                BeginOutage(ex);
            }
        }

        if (outcomes is null)
        {
            // Some of the pipeline may have reached Redis before it failed; replaying those again is harmless.
            await delayed.AddAsync(updates, cancellationToken);
            outcomes = [.. updates.Select(_ => WriteOutcome.Buffered)];
        }

        foreach (var group in outcomes.GroupBy(o => o))
        {
            metrics.Recorded(group.Key, group.Count());
        }

        foreach (var update in updates)
        {
            await historyWriter.EnqueueAsync(update, cancellationToken);
        }

        return outcomes;
    }

    /// <summary>The trip's latest position, from Redis, or from the record store (stale) when Redis is away or has forgotten it.</summary>
    public async Task<TripPosition?> ReadAsync(string tripId, CancellationToken cancellationToken)
    {
        if (!outage.IsActive)
        {
            try
            {
                if (await redis.ReadAsync(tripId) is { } live)
                {
                    return new TripPosition(live, Stale: false);
                }
            }
            catch (Exception ex) when (RedisOutage.IsOutage(ex))
            {
                BeginOutage(ex);
            }
        }

        var buffered = await delayed.LatestAsync(tripId, cancellationToken);
        var persisted = await history.LatestAsync(tripId, cancellationToken);
        var latest = buffered is null ? persisted : persisted is null || buffered.Timestamp >= persisted.Timestamp ? buffered : persisted;
        return latest is null ? null : new TripPosition(latest, Stale: true);
    }

    private void BeginOutage(Exception exception)
    {
        if (!outage.IsActive)
        {
            outage.Begin();
            LogOutage(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis is unreachable: positions are buffered in the record store and replayed when it returns")]
    private static partial void LogOutage(ILogger logger, Exception exception);
}
