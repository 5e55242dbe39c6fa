using System.Text.Json;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Location.Positions;

/// <summary>
/// The seed's <c>location:{tripId}</c> hashes: the one place that writes them. The newest fix wins: the compare and the
/// write are one script on one key, so it holds across instances and on Redis Cluster without hash tags.
/// </summary>
public sealed class RedisPositions(IRedisConnection redis, IOptions<LocationOptions> options)
{
    // Ties go to the later write, so a retried report is idempotent and "newest" is always defined.
    private static readonly LuaScript Write = LuaScript.Prepare(
        """
        local current = redis.call('HGET', @key, 'timestamp')
        if current and tonumber(current) > tonumber(@timestamp) then return 0 end
        redis.call('HSET', @key, 'lat', @lat, 'lng', @lng, 'speed', @speed, 'heading', @heading, 'timestamp', @timestamp, 'driverId', @driverId)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    private readonly long _ttlMs = (long)options.Value.PositionLifetime.TotalMilliseconds;

    private IDatabase Database => redis.Multiplexer.GetDatabase();

    /// <summary>Stores and publishes one update; <see cref="WriteOutcome.Superseded"/> when a newer fix is already stored.</summary>
    public async Task<WriteOutcome> WriteAsync(PositionUpdate update)
    {
        var database = Database;
        var stored = (long)await database.ScriptEvaluateAsync(Write, Arguments(update));
        return stored == 1 ? Publish(database, update) : WriteOutcome.Superseded;
    }

    /// <summary>Stores many updates in one pipeline; publishes those that became their trip's position.</summary>
    public async Task<WriteOutcome[]> WriteAsync(IReadOnlyList<PositionUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var database = Database;
        var batch = database.CreateBatch();
        var pending = new Task<RedisResult>[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            pending[i] = batch.ScriptEvaluateAsync(Write, Arguments(updates[i]));
        }

        batch.Execute();
        var outcomes = new WriteOutcome[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            outcomes[i] = (long)await pending[i] == 1 ? Publish(database, updates[i]) : WriteOutcome.Superseded;
        }

        return outcomes;
    }

    public async Task<PositionUpdate?> ReadAsync(string tripId) =>
        await LocationHash.ReadAsync(Database, tripId) is { } stored
            ? new PositionUpdate(stored.TripId, stored.DriverId, stored.Lat, stored.Lng, stored.Speed, stored.Heading, stored.Timestamp)
            : null;

    // Fire and forget: the position is already stored; subscribers that miss a message catch up with the next one.
    private static WriteOutcome Publish(IDatabase database, PositionUpdate update)
    {
        var message = new TripLocationMessage(update.TripId, update.Lat, update.Lng, update.Speed, update.Heading, update.Timestamp, update.DriverId);
        database.Publish(
            RedisChannel.Literal(RealtimeChannels.Trip(update.TripId)),
            JsonSerializer.SerializeToUtf8Bytes(message, LocationJson.Options),
            CommandFlags.FireAndForget);
        return WriteOutcome.Stored;
    }

    private object Arguments(PositionUpdate update) => new
    {
        key = (RedisKey)LocationKeys.Trip(update.TripId),
        lat = LocationHash.Format(update.Lat),
        lng = LocationHash.Format(update.Lng),
        speed = update.Speed is { } speed ? LocationHash.Format(speed) : string.Empty,
        heading = update.Heading is { } heading ? LocationHash.Format(heading) : string.Empty,
        timestamp = update.Timestamp,
        driverId = update.DriverId,
        ttl = _ttlMs,
    };
}
