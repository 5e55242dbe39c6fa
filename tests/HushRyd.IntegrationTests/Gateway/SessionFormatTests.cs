using HushRyd.Gateway.Identity;
using HushRyd.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.Gateway;

/// <summary>
/// Sessions are one Redis string now; sessions stored before as the seed's hash must keep working, on Garnet and on
/// Redis, until they end or expire, and signing in over one must replace it.
/// </summary>
public sealed class SessionFormatTests
{
    private readonly ManualTimeProvider _time = new();

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_started_session_is_one_string_naming_its_token_and_expiring_with_it(RedisBackend backend)
    {
        await using var stores = await GatewayStores.StartAsync(backend);
        var token = await StartAsync(Instance(stores), "usr_string");

        var db = stores.Redis.Multiplexer.GetDatabase();
        Assert.Equal(RedisType.String, await db.KeyTypeAsync(SessionStore.Key("usr_string")));
        Assert.StartsWith(token.TokenId + "|passenger|", (string?)await db.StringGetAsync(SessionStore.Key("usr_string")), StringComparison.Ordinal);
        Assert.InRange((await db.KeyTimeToLiveAsync(SessionStore.Key("usr_string")))!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_session_stored_as_the_seeds_hash_is_honoured_for_its_token_only_until_it_ends(RedisBackend backend)
    {
        await using var stores = await GatewayStores.StartAsync(backend);
        var tokenId = await StoreLegacyAsync(stores.Redis, "usr_legacy");
        var (here, there) = (Instance(stores), Instance(stores));

        Assert.True(await here.IsActiveAsync("usr_legacy", tokenId, CancellationToken.None));
        Assert.False(await there.IsActiveAsync("usr_legacy", Guid.NewGuid().ToString("N"), CancellationToken.None));

        await here.EndAsync("usr_legacy", CancellationToken.None);

        Assert.False(await there.IsActiveAsync("usr_legacy", tokenId, CancellationToken.None));
        Assert.False(await stores.Redis.Multiplexer.GetDatabase().KeyExistsAsync(SessionStore.Key("usr_legacy")));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Signing_in_over_a_session_stored_as_the_seeds_hash_retires_its_token(RedisBackend backend)
    {
        await using var stores = await GatewayStores.StartAsync(backend);
        var oldTokenId = await StoreLegacyAsync(stores.Redis, "usr_resign");

        var token = await StartAsync(Instance(stores), "usr_resign");

        var there = Instance(stores);
        Assert.False(await there.IsActiveAsync("usr_resign", oldTokenId, CancellationToken.None));
        Assert.True(await there.IsActiveAsync("usr_resign", token.TokenId, CancellationToken.None));
        Assert.Equal(RedisType.String, await stores.Redis.Multiplexer.GetDatabase().KeyTypeAsync(SessionStore.Key("usr_resign")));
    }

    // As the gateway wrote sessions before they were strings; not in the state store, so only Redis can vouch for it.
    private static async Task<string> StoreLegacyAsync(TestRedis redis, string userId)
    {
        var tokenId = Guid.NewGuid().ToString("N");
        var db = redis.Multiplexer.GetDatabase();
        await db.HashSetAsync(SessionStore.Key(userId), [new(SessionStore.LegacyTokenField, tokenId), new("role", "passenger"), new("expiresAt", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds())]);
        await db.KeyExpireAsync(SessionStore.Key(userId), TimeSpan.FromHours(1));
        return tokenId;
    }

    /// <summary>One gateway instance's view, remembering nothing between checks, so each check reads Redis.</summary>
    private SessionStore Instance(GatewayStores stores)
    {
        var options = Options.Create(new AuthOptions { CheckCacheDuration = TimeSpan.Zero });
        return new(stores.Connection, stores.State, new SessionChangeFeed(stores.Connection, options, _time, NullLogger<SessionChangeFeed>.Instance), options, _time, NullLogger<SessionStore>.Instance);
    }

    private async Task<IssuedToken> StartAsync(SessionStore sessions, string userId)
    {
        var token = new IssuedToken("unused", Guid.NewGuid().ToString("N"), _time.GetUtcNow() + TimeSpan.FromHours(1));
        await sessions.StartAsync(userId, token, ["passenger"], CancellationToken.None);
        return token;
    }
}
