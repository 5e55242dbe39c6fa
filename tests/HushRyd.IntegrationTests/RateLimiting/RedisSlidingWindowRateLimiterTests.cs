using HushRyd.Gateway.RateLimiting;
using HushRyd.Testing;
using StackExchange.Redis;

namespace HushRyd.IntegrationTests.RateLimiting;

public sealed class RedisSlidingWindowRateLimiterTests(RedisServers servers) : IClassFixture<RedisServers>
{
    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Exceeding_the_limit_for_one_principal_never_affects_another_of_the_same_tier(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);

        await SlidingWindowScenarios.FairnessHoldsAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), new ManualTimeProvider()));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Requests_are_refused_until_the_oldest_leaves_the_window_with_exact_retry_after(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();

        await SlidingWindowScenarios.RefusesUntilTheOldestLeavesTheWindowAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), clock), clock);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_lower_limit_on_a_fuller_log_waits_until_enough_requests_leave(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();

        await SlidingWindowScenarios.A_lower_limit_waits_for_enough_entries_to_leaveAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), clock), clock);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task The_sos_bucket_is_its_own_budget(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);

        await SlidingWindowScenarios.Buckets_never_share_a_budgetAsync(Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), new ManualTimeProvider()));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task Two_gateway_instances_on_their_own_connections_share_one_budget_even_when_racing(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        await using var other = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var clock = new ManualTimeProvider();
        var first = Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), clock);
        var second = Limiters.Redis(new SwitchableRedisConnection(other), clock);
        var principal = Limiters.FreshPrincipal();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? first : second).AcquireAsync(RateLimitBuckets.General, principal, 7, CancellationToken.None)));
        var next = await second.AcquireAsync(RateLimitBuckets.General, principal, 7, CancellationToken.None);

        Assert.Equal(7, decisions.Count(d => d.Allowed));
        Assert.False(next.Allowed);
        Assert.Equal(TimeSpan.FromMinutes(1), next.RetryAfter);
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task The_log_is_one_sorted_set_and_a_count_per_bucket_and_principal_that_expire_with_the_window(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var limiter = Limiters.Redis(new SwitchableRedisConnection(server.Multiplexer), new ManualTimeProvider());
        var principal = Limiters.FreshPrincipal("apikey");

        await limiter.AcquireAsync(RateLimitBuckets.Sos, principal, 5, CancellationToken.None);
        await limiter.AcquireAsync(RateLimitBuckets.Sos, principal, 5, CancellationToken.None);

        var db = server.Multiplexer.GetDatabase();
        var log = RateLimitKeys.Log(RateLimitBuckets.Sos, principal);
        var count = RateLimitKeys.Count(RateLimitBuckets.Sos, principal);
        Assert.Equal(RedisType.SortedSet, await db.KeyTypeAsync(log));
        Assert.Equal(2, await db.SortedSetLengthAsync(log));
        Assert.Equal(2, (long)await db.StringGetAsync(count));
        Assert.InRange((await db.KeyTimeToLiveAsync(log))!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.InRange((await db.KeyTimeToLiveAsync(count))!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_leased_entry_counts_all_its_permits_and_retry_after_waits_for_the_entry_that_frees_enough(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();
        var redis = new SwitchableRedisConnection(server.Multiplexer);
        var limiter = Limiters.Redis(redis, clock);
        var leaser = new RedisPermitLeaser(redis);
        var principal = Limiters.FreshPrincipal();
        var window = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;
        var start = clock.GetUtcNow().ToUnixTimeMilliseconds();

        // One request, then a lease of 6 dated 10 s on, then one more request 20 s on: 8 permits in three entries.
        Assert.True((await limiter.AcquireAsync(RateLimitBuckets.General, principal, 8, CancellationToken.None)).Allowed);
        var grant = await leaser.LeaseAsync(RateLimitBuckets.General, principal, 6, 8, start, start + 10_000, window, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(20));
        var last = await limiter.AcquireAsync(RateLimitBuckets.General, principal, 8, CancellationToken.None);
        var refused = await limiter.AcquireAsync(RateLimitBuckets.General, principal, 8, CancellationToken.None);
        var lowered = await limiter.AcquireAsync(RateLimitBuckets.General, principal, 4, CancellationToken.None);

        Assert.Equal(new PermitLeaseGrant(true, 1, start), grant);
        Assert.Equal(new RateLimitDecision(true, 8, 0, TimeSpan.FromSeconds(40), null), last);

        // At 8 of 8 the first request's departure makes room; at a limit of 4 only the lease's does, 50 s after now.
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(50), lowered.RetryAfter);
        Assert.Equal(3, await server.Multiplexer.GetDatabase().SortedSetLengthAsync(RateLimitKeys.Log(RateLimitBuckets.General, principal)));
    }

    [SkippableTheory]
    [InlineData(RedisBackend.Garnet)]
    [InlineData(RedisBackend.RedisServer)]
    public async Task A_lost_count_is_summed_again_from_the_log_so_the_limit_still_holds(RedisBackend backend)
    {
        var server = await servers.GetAsync(backend);
        var clock = new ManualTimeProvider();
        var redis = new SwitchableRedisConnection(server.Multiplexer);
        var limiter = Limiters.Redis(redis, clock);
        var principal = Limiters.FreshPrincipal();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await new RedisPermitLeaser(redis).LeaseAsync(RateLimitBuckets.General, principal, 4, 10, now, now, 60_000, CancellationToken.None);

        await server.Multiplexer.GetDatabase().KeyDeleteAsync(RateLimitKeys.Count(RateLimitBuckets.General, principal));
        var decision = await limiter.AcquireAsync(RateLimitBuckets.General, principal, 5, CancellationToken.None);
        var next = await limiter.AcquireAsync(RateLimitBuckets.General, principal, 5, CancellationToken.None);

        Assert.Equal(new RateLimitDecision(true, 5, 0, TimeSpan.FromMinutes(1), null), decision);
        Assert.False(next.Allowed);
        Assert.Equal(5, (long)await server.Multiplexer.GetDatabase().StringGetAsync(RateLimitKeys.Count(RateLimitBuckets.General, principal)));
    }
}
