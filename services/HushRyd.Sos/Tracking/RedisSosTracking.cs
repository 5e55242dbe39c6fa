using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HushRyd.Platform.Realtime;
using HushRyd.Platform.Redis;
using HushRyd.Workflows.Sos;
using HushRyd.Workflows.Sos.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Sos.Tracking;

/// <summary>
/// Keeps <c>sos:tracking:{alertId}</c> (with its TTL) and, for alerts on a trip, listens on <c>trip:{tripId}</c>: each
/// accepted position refreshes <c>lastLocation</c> and is pushed to <c>sos:admins</c> and to the raiser. At start-up it
/// listens again for every open alert, so a restart (or another node) keeps tracking them.
/// </summary>
public sealed partial class RedisSosTracking(IRedisConnection redis, ISosAlertStore alerts, IRealtimeBroadcaster realtime, IOptions<SosOptions> options, TimeProvider time, ILogger<RedisSosTracking> logger)
    : ISosTracking, IHostedService, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, SosAlert> _tracked = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task _resume = Task.CompletedTask;

    public async Task StartAsync(SosAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var database = redis.Multiplexer.GetDatabase();
        var key = SosTrackingKeys.Of(alert.Id);
        var last = alert.TripId is null ? null : await LocationHash.ReadAsync(database, alert.TripId);
        await database.HashSetAsync(
            key,
            [
                new(SosTrackingKeys.TripId, alert.TripId ?? string.Empty),
                new(SosTrackingKeys.Status, alert.Status.WireName()),
                new(SosTrackingKeys.StartedAt, time.GetUtcNow().ToUnixTimeMilliseconds()),
                new(SosTrackingKeys.LastLocation, LastLocation(last?.Lat ?? alert.Lat, last?.Lng ?? alert.Lng)),
            ]);
        await database.KeyExpireAsync(key, options.Value.TrackingLifetime);
        await FollowAsync(alert);
    }

    public async Task StopAsync(SosAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (_tracked.TryRemove(alert.Id, out _) && alert.TripId is not null && !_tracked.Values.Any(a => a.TripId == alert.TripId))
        {
            await redis.Multiplexer.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(RealtimeChannels.Trip(alert.TripId)));
        }

        await redis.Multiplexer.GetDatabase().KeyDeleteAsync(SosTrackingKeys.Of(alert.Id));
    }

    /// <summary>Resumes in the background: a store or Redis that is slow to answer must not hold up (or fail) the start.</summary>
    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        _resume = Task.Run(() => ResumeAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _resume.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var status in new[] { SosStatus.Active, SosStatus.Acknowledged })
            {
                foreach (var alert in await alerts.ListAsync(status, 10_000, cancellationToken))
                {
                    await FollowAsync(alert);
                }
            }
        }
#pragma warning disable CA1031 // Tracking resumes for alerts the workflow starts from now on; the ones missed are logged.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogResumeFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FollowAsync(SosAlert alert)
    {
        if (alert.TripId is null || !_tracked.TryAdd(alert.Id, alert) || _tracked.Values.Count(a => a.TripId == alert.TripId) > 1)
        {
            return;
        }

        var queue = await redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RealtimeChannels.Trip(alert.TripId)));
        queue.OnMessage(message => OnPositionAsync(alert.TripId, message.Message));
    }

    private async Task OnPositionAsync(string tripId, RedisValue payload)
    {
        TripLocationMessage? position;
        try
        {
            position = JsonSerializer.Deserialize<TripLocationMessage>((string)payload!, Json);
        }
        catch (JsonException)
        {
            return;
        }

        if (position is null)
        {
            return;
        }

        foreach (var alert in _tracked.Values.Where(a => a.TripId == tripId))
        {
            try
            {
                var key = SosTrackingKeys.Of(alert.Id);
                var database = redis.Multiplexer.GetDatabase();
                await database.HashSetAsync(key, SosTrackingKeys.LastLocation, LastLocation(position.Lat, position.Lng));
                await database.KeyExpireAsync(key, options.Value.TrackingLifetime);
                var update = new SosLocationUpdate(alert.Id, alert.Status.WireName(), position.Lat, position.Lng, position.Timestamp);
                await realtime.BroadcastToRoomAsync(RealtimeRooms.SosAdmins, RealtimeEvents.Sos, update, CancellationToken.None);
                await realtime.BroadcastToUserAsync(alert.RaisedBy, RealtimeEvents.Sos, update, CancellationToken.None);
            }
            catch (RedisException ex)
            {
                LogRefreshFailed(logger, ex, alert.Id);
            }
        }
    }

    private static string LastLocation(double lat, double lng) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"lat\":{LocationHash.Format(lat)},\"lng\":{LocationHash.Format(lng)}}}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming the tracking of open SOS alerts after the start failed")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the tracking of SOS {AlertId} failed; the next position tries again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string alertId);
}
