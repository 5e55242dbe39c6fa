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

    [Fact]
    public async Task While_the_change_feed_is_live_an_active_session_is_believed_past_the_cache_duration_and_an_end_elsewhere_is_heard_at_once()
    {
        await using var here = await LiveInstanceAsync();
        await using var there = await LiveInstanceAsync();

        // A reconnect on a loaded machine is a gap, after which re-checking is the right answer: judge an attempt without one.
        IssuedToken? token = null;
        for (var attempt = 0; attempt < 3 && token is null; attempt++)
        {
            var candidate = await StartAsync(here.Sessions, "usr_live", TimeProvider.System);

            // The start is published too; heard after `there` remembered the session, it would rightly make it forget.
            var started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(there.Feed.HeardUntilMs > started), LiveDuration, TimeSpan.FromMilliseconds(10)));
            Assert.True(await there.Sessions.IsActiveAsync("usr_live", candidate.TokenId, CancellationToken.None));
            var gaps = there.Feed.Gaps;

            // Removed behind the instances' backs (no change published): only what `there` remembers can still answer.
            await _redis.Multiplexer.GetDatabase().KeyDeleteAsync(SessionStore.Key("usr_live"));
            await _host.Services.GetRequiredService<IStateStore>().DeleteAsync(SessionStore.Key("usr_live"), cancellationToken: CancellationToken.None);
            await Task.Delay(LiveDuration + TimeSpan.FromSeconds(1));
            var believed = await there.Sessions.IsActiveAsync("usr_live", candidate.TokenId, CancellationToken.None);
            if (there.Feed.Gaps == gaps && there.Feed.IsLive(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
            {
                Assert.True(believed, "a live feed without a gap, yet the session was re-read");
                token = candidate;
            }
        }

        Assert.True(token is not null, "the change feed had a gap or went silent in every attempt");
        await here.Sessions.EndAsync("usr_live", CancellationToken.None);

        Assert.True(
            await Eventually.HoldsAsync(async () => !await there.Sessions.IsActiveAsync("usr_live", token!.TokenId, CancellationToken.None), LiveDuration, TimeSpan.FromMilliseconds(10)),
            "the other instance still honoured the ended session a cache duration later");
    }

    [Fact]
    public async Task When_the_change_feed_falls_silent_a_remembered_session_is_believed_no_longer_than_the_cache_duration()
    {
        await using var here = await LiveInstanceAsync();
        await using var there = await LiveInstanceAsync();
        var token = await StartAsync(here.Sessions, "usr_silent", TimeProvider.System);
        Assert.True(await there.Sessions.IsActiveAsync("usr_silent", token.TokenId, CancellationToken.None));

        // A feed that hears nothing (here: stopped) can no longer vouch for what it has not heard.
        await there.Feed.StopAsync(CancellationToken.None);
        await _redis.Multiplexer.GetDatabase().KeyDeleteAsync(SessionStore.Key("usr_silent"));
        await _host.Services.GetRequiredService<IStateStore>().DeleteAsync(SessionStore.Key("usr_silent"), cancellationToken: CancellationToken.None);
        await Task.Delay(LiveDuration + TimeSpan.FromMilliseconds(50));

        Assert.False(there.Feed.IsLive(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        Assert.False(await there.Sessions.IsActiveAsync("usr_silent", token.TokenId, CancellationToken.None));
    }

    /// <summary>One gateway instance's view; several share the host's stores, as instances share Redis and the database. Its change feed never runs.</summary>
    private SessionStore Instance(TimeSpan? cacheDuration = null)
    {
        var options = Options.Create(new AuthOptions { CheckCacheDuration = cacheDuration ?? CacheDuration });
        var redis = _host.Services.GetRequiredService<IRedisConnection>();
        return new(redis, _host.Services.GetRequiredService<IStateStore>(), new SessionChangeFeed(redis, options, _time, NullLogger<SessionChangeFeed>.Instance), options, _time, NullLogger<SessionStore>.Instance);
    }

    // Long enough that a CI machine running every suite at once still hears a heartbeat (every quarter of it) in time.
    private static readonly TimeSpan LiveDuration = TimeSpan.FromSeconds(3);

    /// <summary>An instance on the real clock whose change feed runs, once the feed has heard its own heartbeat.</summary>
    private async Task<LiveInstance> LiveInstanceAsync()
    {
        var options = Options.Create(new AuthOptions { CheckCacheDuration = LiveDuration });
        var redis = _host.Services.GetRequiredService<IRedisConnection>();
        var feed = new SessionChangeFeed(redis, options, TimeProvider.System, NullLogger<SessionChangeFeed>.Instance);
        var sessions = new SessionStore(redis, _host.Services.GetRequiredService<IStateStore>(), feed, options, TimeProvider.System, NullLogger<SessionStore>.Instance);
        await feed.StartAsync(CancellationToken.None);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(feed.IsLive(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)), "the change feed never went live");
        return new LiveInstance(feed, sessions);
    }

    private sealed record LiveInstance(SessionChangeFeed Feed, SessionStore Sessions) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Feed.StopAsync(CancellationToken.None);
            Feed.Dispose();
        }
    }

    private async Task<IssuedToken> StartAsync(SessionStore sessions, string userId, TimeProvider? clock = null)
    {
        var token = new IssuedToken("unused", Guid.NewGuid().ToString("N"), (clock ?? _time).GetUtcNow() + TimeSpan.FromHours(1));
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
