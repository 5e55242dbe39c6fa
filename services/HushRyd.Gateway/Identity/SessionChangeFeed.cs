using System.Globalization;
using HushRyd.Platform.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// Sessions started or ended on any instance, pushed to every instance over one Redis channel, so a session found
/// active can be believed for longer than <see cref="AuthOptions.CheckCacheDuration"/> without a revoked token working
/// any longer than that. Trust is earned, not assumed: each instance publishes a heartbeat of its own on the same
/// channel four times per duration, and a channel delivers in the order messages were published, so hearing one's own
/// heartbeat sent at <c>s</c> proves every change published before <c>s</c> has been heard. The feed is live while the
/// last heartbeat heard was sent less than a duration ago; a missed heartbeat or a reconnect means changes may have
/// been lost, and everything remembered is forgotten (<see cref="Gap"/>).
/// </summary>
public sealed class SessionChangeFeed(IRedisConnection redis, IOptions<AuthOptions> options, TimeProvider time, ILogger<SessionChangeFeed> logger)
    : BackgroundService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("sessions:changed");

    private const string HeartbeatPrefix = "hb:";
    private const string ChangePrefix = "user:";

    private readonly string _heartbeat = $"{HeartbeatPrefix}{Guid.NewGuid():N}:";
    private readonly long _durationMs = (long)options.Value.CheckCacheDuration.TotalMilliseconds;
    private long _heardSentMs = long.MinValue / 2;
    private long _sentCount;
    private long _heardCount = -1;
    private long _gaps;

    /// <summary>A session of this user started or ended somewhere.</summary>
    public event Action<string>? Changed;

    /// <summary>Changes may have been missed: forget everything believed because of the feed.</summary>
    public event Action? Gap;

    /// <summary>How many times changes may have been missed since start-up (the first heartbeat counts as one).</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Every change published before this time (Unix ms, this instance's clock) has been heard here.</summary>
    public long HeardUntilMs => Volatile.Read(ref _heardSentMs);

    /// <summary>Whether every change published until less than a duration before <paramref name="nowMs"/> has been heard here.</summary>
    public bool IsLive(long nowMs) => nowMs - Volatile.Read(ref _heardSentMs) < _durationMs;

    /// <summary>Tells every instance; best effort, since a feed that cannot publish cannot hear heartbeats either and goes dead.</summary>
    public async Task PublishChangeAsync(string userId)
    {
        try
        {
            await redis.Multiplexer.GetSubscriber().PublishAsync(Channel, ChangePrefix + userId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not publish a session change; other instances rely on their {Duration} re-check", options.Value.CheckCacheDuration);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_durationMs <= 0)
        {
            return;
        }

        var multiplexer = redis.Multiplexer;
        multiplexer.ConnectionFailed += OnConnectionChanged;
        multiplexer.ConnectionRestored += OnConnectionChanged;
        try
        {
            await SubscribeUntilAsync(multiplexer.GetSubscriber(), stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(1, _durationMs / 4)), time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PublishHeartbeatAsync(multiplexer.GetSubscriber());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            multiplexer.ConnectionFailed -= OnConnectionChanged;
            multiplexer.ConnectionRestored -= OnConnectionChanged;
        }
    }

    private async Task SubscribeUntilAsync(ISubscriber subscriber, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                // A queue, not a handler: handlers may run concurrently, and the proof above needs messages in order.
                var queue = await subscriber.SubscribeAsync(Channel);
                queue.OnMessage(message => OnMessage(message.Message));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Session change feed not subscribed yet; sessions are re-checked every {Duration}", options.Value.CheckCacheDuration);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    private async Task PublishHeartbeatAsync(ISubscriber subscriber)
    {
        try
        {
            var sequence = Interlocked.Increment(ref _sentCount);
            await subscriber.PublishAsync(Channel, string.Create(CultureInfo.InvariantCulture, $"{_heartbeat}{sequence}:{time.GetUtcNow().ToUnixTimeMilliseconds()}"));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Unheard, the feed goes dead within a duration and sessions are re-checked as often as without it.
            logger.LogDebug(ex, "Session feed heartbeat not published");
        }
    }

    private void OnMessage(RedisValue message)
    {
        var text = (string?)message;
        if (text is null)
        {
            return;
        }

        if (text.StartsWith(ChangePrefix, StringComparison.Ordinal))
        {
            Changed?.Invoke(text[ChangePrefix.Length..]);
        }
        else if (text.StartsWith(_heartbeat, StringComparison.Ordinal) && TryParseHeartbeat(text.AsSpan(_heartbeat.Length), out var sequence, out var sentMs))
        {
            // A heartbeat missing from the sequence means the channel dropped messages, changes among them perhaps.
            if (sequence != _heardCount + 1)
            {
                RaiseGap();
            }

            _heardCount = sequence;
            Volatile.Write(ref _heardSentMs, sentMs);
        }
    }

    private void RaiseGap()
    {
        Interlocked.Increment(ref _gaps);
        Gap?.Invoke();
    }

    private static bool TryParseHeartbeat(ReadOnlySpan<char> text, out long sequence, out long sentMs)
    {
        sentMs = 0;
        var colon = text.IndexOf(':');
        return long.TryParse(text[..Math.Max(colon, 0)], NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && long.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out sentMs);
    }

    private void OnConnectionChanged(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            // Messages published while the subscription was down are gone for good.
            Volatile.Write(ref _heardSentMs, long.MinValue / 2);
            RaiseGap();
        }
    }
}
