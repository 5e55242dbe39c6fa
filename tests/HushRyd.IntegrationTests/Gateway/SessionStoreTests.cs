using HushRyd.Gateway.Identity;
using HushRyd.IntegrationTests.Events;
using HushRyd.Platform.Redis;
using HushRyd.Platform.State;
using HushRyd.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HushRyd.IntegrationTests.Gateway;

/// <summary>A session found active is remembered briefly; ending or replacing it must still take effect within that bound.</summary>
public sealed class SessionStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _time = new();
    private readonly TempDirectory _data = new();
    private TestRedis _redis = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync(RedisBackend.Garnet);
        _host = await EmbeddedRuntimeHost.StartAsync(_data.Path, _ => { }, new Dictionary<string, string?> { ["Redis:ConnectionString"] = _redis.ConnectionString });
    }

    [Fact]
    public async Task Ending_a_session_on_this_instance_revokes_its_token_at_once()
    {
        var sessions = Instance();
        var token = await StartAsync(sessions, "usr_end");
        Assert.True(await sessions.IsActiveAsync("usr_end", token.TokenId, CancellationToken.None));

        await sessions.EndAsync("usr_end", CancellationToken.None);

        Assert.False(await sessions.IsActiveAsync("usr_end", token.TokenId, CancellationToken.None));
    }

    [Fact]
    public async Task Signing_in_again_on_this_instance_retires_the_previous_token_at_once()
    {
        var sessions = Instance();
        var first = await StartAsync(sessions, "usr_again");
        Assert.True(await sessions.IsActiveAsync("usr_again", first.TokenId, CancellationToken.None));

        var second = await StartAsync(sessions, "usr_again");

        Assert.False(await sessions.IsActiveAsync("usr_again", first.TokenId, CancellationToken.None));
        Assert.True(await sessions.IsActiveAsync("usr_again", second.TokenId, CancellationToken.None));
    }

    [Fact]
    public async Task A_session_missing_from_an_emptied_redis_is_still_honoured_from_the_state_store_until_it_ends()
    {
        var (here, there) = (Instance(), Instance());
        var token = await StartAsync(here, "usr_failover");
        await _redis.Multiplexer.GetDatabase().KeyDeleteAsync(SessionStore.Key("usr_failover"));

        var afterFailover = await there.IsActiveAsync("usr_failover", token.TokenId, CancellationToken.None);
        await here.EndAsync("usr_failover", CancellationToken.None);
        _time.Advance(CacheDuration + TimeSpan.FromMilliseconds(1));

        Assert.True(afterFailover);
        Assert.False(await there.IsActiveAsync("usr_failover", token.TokenId, CancellationToken.None));
    }

    [Fact]
    public async Task Another_instance_stops_honouring_an_ended_session_within_the_cache_duration()
    {
        var (here, there) = (Instance(), Instance());
        var token = await StartAsync(here, "usr_elsewhere");
        Assert.True(await there.IsActiveAsync("usr_elsewhere", token.TokenId, CancellationToken.None));

        await here.EndAsync("usr_elsewhere", CancellationToken.None);

        // The documented lag: the other instance still believes what it checked a moment ago...
        Assert.True(await there.IsActiveAsync("usr_elsewhere", token.TokenId, CancellationToken.None));
        _time.Advance(CacheDuration);

        // ...and no longer once the cache duration has passed.
        Assert.False(await there.IsActiveAsync("usr_elsewhere", token.TokenId, CancellationToken.None));
    }

    [Fact]
    public async Task With_no_cache_duration_another_instance_sees_the_end_on_its_next_check()
    {
        var (here, there) = (Instance(TimeSpan.Zero), Instance(TimeSpan.Zero));
        var token = await StartAsync(here, "usr_uncached");
        Assert.True(await there.IsActiveAsync("usr_uncached", token.TokenId, CancellationToken.None));

        await here.EndAsync("usr_uncached", CancellationToken.None);

        Assert.False(await there.IsActiveAsync("usr_uncached", token.TokenId, CancellationToken.None));
    }

    /// <summary>One gateway instance's view; several share the host's stores, as instances share Redis and the database.</summary>
    private SessionStore Instance(TimeSpan? cacheDuration = null) =>
        new(
            _host.Services.GetRequiredService<IRedisConnection>(),
            _host.Services.GetRequiredService<IStateStore>(),
            Options.Create(new AuthOptions { CheckCacheDuration = cacheDuration ?? CacheDuration }),
            _time,
            NullLogger<SessionStore>.Instance);

    private async Task<IssuedToken> StartAsync(SessionStore sessions, string userId)
    {
        var token = new IssuedToken("unused", Guid.NewGuid().ToString("N"), _time.GetUtcNow() + TimeSpan.FromHours(1));
        await sessions.StartAsync(userId, token, ["passenger"], CancellationToken.None);
        return token;
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _redis.DisposeAsync();
        _data.Dispose();
    }
}
