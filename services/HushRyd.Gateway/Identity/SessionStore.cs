using HushRyd.Platform.Redis;
using HushRyd.Platform.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Gateway.Identity;

/// <summary>
/// The seed's <c>session:{userId}</c> hash (token, role, expiresAt): a token is honoured only while its
/// session names it, so logout revokes it before it expires. Redis is the cache; the state store keeps a
/// copy so sessions survive a Redis outage (the seed's degradation: sessions from the database).
/// A session found active is believed for <see cref="AuthOptions.CheckCacheDuration"/> on this instance; starting or
/// ending a session here forgets it at once, so only other instances can lag, and by no more than that.
/// </summary>
public sealed class SessionStore(IRedisConnection redis, IStateStore state, IOptions<AuthOptions> options, TimeProvider time, ILogger<SessionStore> logger)
{
    private readonly ShortLivedCache<string> _active = new(time, options.Value.CheckCacheSize);

    // Bumped after every start and end here: a check whose read overlapped one of them must not cache what it read.
    private long _changes;

    public static string Key(string userId) => $"session:{userId}";

    public async Task StartAsync(string userId, IssuedToken token, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var session = new Session(token.TokenId, string.Join(',', roles), token.ExpiresAt.ToUnixTimeMilliseconds());
        var ttl = token.ExpiresAt - time.GetUtcNow();
        await state.SaveAsync(Key(userId), session, ttl, cancellationToken);
        await TryRedisAsync(async db =>
        {
            await db.HashSetAsync(Key(userId), [new("token", session.Token), new("role", session.Role), new("expiresAt", session.ExpiresAt)]);
            await db.KeyExpireAsync(Key(userId), ttl);
        });
        Forget(userId);
    }

    public async Task<bool> IsActiveAsync(string userId, string tokenId, CancellationToken cancellationToken)
    {
        if (_active.TryGet(userId, out var activeToken) && activeToken == tokenId)
        {
            return true;
        }

        var changes = Interlocked.Read(ref _changes);
        var cached = await TryRedisAsync(async db => (string?)await db.HashGetAsync(Key(userId), "token"));

        // A miss is not a logout: a restarted or failed-over Redis starts empty, so the state store decides.
        if (cached.Succeeded && cached.Value is not null)
        {
            if (cached.Value == tokenId && Interlocked.Read(ref _changes) == changes)
            {
                _active.Set(userId, tokenId, time.GetUtcNow() + options.Value.CheckCacheDuration);
            }

            return cached.Value == tokenId;
        }

        // Not written back to Redis: a logout on another instance between this read and that write would be undone.
        var stored = await state.GetAsync<Session>(Key(userId), cancellationToken);
        if (stored?.Value.Token != tokenId)
        {
            return false;
        }

        if (Interlocked.Read(ref _changes) == changes)
        {
            _active.Set(userId, tokenId, time.GetUtcNow() + options.Value.CheckCacheDuration);
        }

        return true;
    }

    public async Task EndAsync(string userId, CancellationToken cancellationToken)
    {
        await state.DeleteAsync(Key(userId), cancellationToken: cancellationToken);
        await TryRedisAsync(db => db.KeyDeleteAsync(Key(userId)));
        Forget(userId);
    }

    private void Forget(string userId)
    {
        Interlocked.Increment(ref _changes);
        _active.Remove(userId);
    }

    private async Task<(bool Succeeded, T? Value)> TryRedisAsync<T>(Func<IDatabase, Task<T>> operation)
    {
        try
        {
            return (true, await operation(redis.Multiplexer.GetDatabase()));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis unavailable for sessions; using the state store");
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
}
