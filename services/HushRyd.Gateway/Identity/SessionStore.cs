using HushRyd.Platform.Redis;
using HushRyd.Platform.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// The seed's <c>session:{userId}</c> (token, role, expiresAt), kept as one string (<see cref="SessionValue"/>): a token is
/// honoured only while its session names it, so logout revokes it before it expires. Redis is the cache; the state store keeps a
/// copy so sessions survive a Redis outage (the seed's degradation: sessions from the database).
/// A session found active is believed for <see cref="AuthOptions.CheckCacheDuration"/> on this instance, or while the
/// <see cref="SessionChangeFeed"/> is live; starting or ending a session here forgets it at once and tells the others,
/// so only other instances can lag, and by no more than that duration.
/// </summary>
public sealed class SessionStore
{
    /// <summary>Where a session stored as the seed's hash (before <see cref="SessionValue"/>) names its token.</summary>
    public const string LegacyTokenField = "token";

    private const string WrongType = "WRONGTYPE";

    private readonly IRedisConnection _redis;
    private readonly IStateStore _state;
    private readonly SessionChangeFeed _feed;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionStore> _logger;
    private readonly ShortLivedCache<string, CheckedSession> _active;

    // Bumped after every start and end here: a check whose read overlapped one of them must not cache what it read.
    private long _changes;

    public SessionStore(IRedisConnection redis, IStateStore state, SessionChangeFeed feed, IOptions<AuthOptions> options, TimeProvider time, ILogger<SessionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(options);
        (_redis, _state, _feed, _options, _time, _logger) = (redis, state, feed, options.Value, time, logger);
        _active = new(time, _options.CheckCacheSize);
        feed.Changed += Forget;
        feed.Gap += ForgetAll;
    }

    public static string Key(string userId) => $"session:{userId}";

    public async Task StartAsync(string userId, IssuedToken token, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var session = new Session(token.TokenId, string.Join(',', roles), token.ExpiresAt.ToUnixTimeMilliseconds());
        var ttl = token.ExpiresAt - _time.GetUtcNow();
        await _state.SaveAsync(Key(userId), session, ttl, cancellationToken);
        await TryRedisAsync(db => db.StringSetAsync(Key(userId), SessionValue.Format(session), ttl));
        Forget(userId);

        // Signing in again retires the previous token: instances that believe it must hear so.
        await _feed.PublishChangeAsync(userId);
    }

    public async Task<bool> IsActiveAsync(string userId, string tokenId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_active.TryGet(userId, out var known) && known.TokenId == tokenId && Believed(known, now))
        {
            return true;
        }

        var changes = Interlocked.Read(ref _changes);
        var cached = await TryRedisAsync(db => TokenInRedisAsync(db, userId));

        // A miss is not a logout: a restarted or failed-over Redis starts empty, so the state store decides.
        if (cached.Succeeded && cached.Value is not null)
        {
            if (cached.Value == tokenId && Interlocked.Read(ref _changes) == changes)
            {
                Remember(userId, tokenId, now);
            }

            return cached.Value == tokenId;
        }

        // Not written back to Redis: a logout on another instance between this read and that write would be undone.
        var stored = await _state.GetAsync<Session>(Key(userId), cancellationToken);
        if (stored?.Value.Token != tokenId)
        {
            return false;
        }

        if (Interlocked.Read(ref _changes) == changes)
        {
            Remember(userId, tokenId, now);
        }

        return true;
    }

    public async Task EndAsync(string userId, CancellationToken cancellationToken)
    {
        await _state.DeleteAsync(Key(userId), cancellationToken: cancellationToken);
        await TryRedisAsync(db => db.KeyDeleteAsync(Key(userId)));
        Forget(userId);
        await _feed.PublishChangeAsync(userId);
    }

    // Sessions started before sessions were strings stay the seed's hash until they end, expire or their user signs in again.
    private static async Task<string?> TokenInRedisAsync(IDatabase db, string userId)
    {
        try
        {
            var value = (string?)await db.StringGetAsync(Key(userId));
            return value is null ? null : SessionValue.TokenOf(value);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith(WrongType, StringComparison.Ordinal))
        {
            return (string?)await db.HashGetAsync(Key(userId), LegacyTokenField);
        }
    }

    // Checked within the duration, or checked since the feed last proved it would have told us of an end.
    private bool Believed(CheckedSession known, DateTimeOffset now) =>
        now - known.CheckedAt < _options.CheckCacheDuration || _feed.IsLive(now.ToUnixTimeMilliseconds());

    private void Remember(string userId, string tokenId, DateTimeOffset now)
    {
        var lifetime = _feed.IsLive(now.ToUnixTimeMilliseconds()) ? _options.LiveFeedRecheckInterval : _options.CheckCacheDuration;
        _active.Set(userId, new CheckedSession(tokenId, now), now + lifetime);
    }

    private void Forget(string userId)
    {
        Interlocked.Increment(ref _changes);
        _active.Remove(userId);
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _changes);
        _active.Clear();
    }

    private async Task<(bool Succeeded, T? Value)> TryRedisAsync<T>(Func<IDatabase, Task<T>> operation)
    {
        try
        {
            return (true, await operation(_redis.Multiplexer.GetDatabase()));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogWarning(ex, "Redis unavailable for sessions; using the state store");
            return (false, default);
        }
    }

    private Task<(bool Succeeded, bool Value)> TryRedisAsync(Func<IDatabase, Task> operation) =>
        TryRedisAsync(async db =>
        {
            await operation(db);
            return true;
        });

    public sealed record Session(string Token, string Role, long ExpiresAt);

    // A struct: it is stored inline in the cache entry, one object per remembered user fewer.
    private readonly record struct CheckedSession(string TokenId, DateTimeOffset CheckedAt);
}
