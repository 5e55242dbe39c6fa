using System.Text.Json;
using HushRyd.Gateway.Identity;
using HushRyd.Platform.Redis;
using HushRyd.Platform.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.Gateway.ApiKeys;

/// <summary>
/// Creates, rotates and checks API keys. Records live in the state store and are cached in Redis,
/// written through on every change so every gateway instance sees a rotation at once.
/// </summary>
public sealed class ApiKeyService(IStateStore state, IRedisConnection redis, IOptions<AuthOptions> options, TimeProvider time, ILogger<ApiKeyService> logger)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    public static string Key(string keyId) => $"apikey:{keyId}";

    public async Task<(ApiKeyRecord Record, string Secret)> CreateAsync(string name, RateLimitTier tier, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var keyId = ApiKeySecret.NewKeyId();
        var secret = ApiKeySecret.New(keyId);
        var record = new ApiKeyRecord(keyId, name, tier, ApiKeySecret.Hash(secret), null, null, time.GetUtcNow(), null, scopes);
        await state.SaveAsync(Key(keyId), record, cancellationToken: cancellationToken);
        await CacheAsync(record);
        return (record, secret);
    }

    /// <returns>The new secret, or null when no key has this id.</returns>
    public async Task<(ApiKeyRecord Record, string Secret)?> RotateAsync(string keyId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = await state.GetAsync<ApiKeyRecord>(Key(keyId), cancellationToken);
            if (entry is null)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var secret = ApiKeySecret.New(keyId);
            var rotated = entry.Value with
            {
                SecretHash = ApiKeySecret.Hash(secret),
                PreviousSecretHash = entry.Value.SecretHash,
                PreviousValidUntil = now + options.Value.ApiKeyRotationWindow,
                RotatedAt = now,
            };
            if (await state.TryUpdateAsync(Key(keyId), rotated, entry.ETag, cancellationToken: cancellationToken))
            {
                await CacheAsync(rotated);
                return (rotated, secret);
            }
        }
    }

    /// <returns>The key's record when the secret is its current one, or its previous one inside the rotation window.</returns>
    public async Task<ApiKeyRecord?> ValidateAsync(string secret, CancellationToken cancellationToken)
    {
        if (ApiKeySecret.KeyIdOf(secret) is not { } keyId)
        {
            return null;
        }

        var record = await FindAsync(keyId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        if (ApiKeySecret.Matches(secret, record.SecretHash))
        {
            return record;
        }

        return record.PreviousSecretHash is { } previous && time.GetUtcNow() < record.PreviousValidUntil && ApiKeySecret.Matches(secret, previous)
            ? record
            : null;
    }

    private async Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        try
        {
            var cached = await redis.Multiplexer.GetDatabase().StringGetAsync(Key(keyId));
            if (cached.HasValue)
            {
                return JsonSerializer.Deserialize<ApiKeyRecord>((string)cached!, StateJson.Options);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis unavailable for API keys; reading the state store");
        }

        var stored = (await state.GetAsync<ApiKeyRecord>(Key(keyId), cancellationToken))?.Value;
        if (stored is not null)
        {
            await CacheAsync(stored);
        }

        return stored;
    }

    private async Task CacheAsync(ApiKeyRecord record)
    {
        try
        {
            await redis.Multiplexer.GetDatabase().StringSetAsync(Key(record.KeyId), JsonSerializer.Serialize(record, StateJson.Options), CacheLifetime);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Caching API key {KeyId} in Redis failed; the state store still has it", record.KeyId);
        }
    }
}
